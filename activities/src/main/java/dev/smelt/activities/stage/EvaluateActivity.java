package dev.smelt.activities.stage;

import dev.smelt.activities.model.EngineThread;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Scores the saved models of a run ({@link RunEvaluation}), heartbeating its progress. */
public class EvaluateActivity implements StageActivities.Evaluate {
  private final Path runsRoot;

  /** {@code runsRoot}: the only folder whose run folders this worker writes in. */
  public EvaluateActivity(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  @Override
  public EvalResult evaluate(StageInput in) {
    RunFolder run = RunFolder.confined(in.runDir(), runsRoot);
    try (StageHeartbeat hb = StageHeartbeat.start("evaluate", "steps")) {
      return EngineThread.call(() -> RunEvaluation.evaluate(run, in, null, hb::progress));
    } catch (IOException e) {
      throw new UncheckedIOException("evaluation of run " + in.runId() + " failed", e);
    }
  }
}
