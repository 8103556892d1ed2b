package dev.smelt.activities.stage;

import dev.smelt.activities.model.EngineThread;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Scores the saved models of a run ({@link RunEvaluation}), heartbeating its progress. */
public class EvaluateActivity implements StageActivities.Evaluate {
  @Override
  public EvalResult evaluate(StageInput in) {
    try (StageHeartbeat hb = StageHeartbeat.start("evaluate", "steps")) {
      return EngineThread.call(() -> RunEvaluation.evaluate(in, null, hb::progress));
    } catch (IOException e) {
      throw new UncheckedIOException("evaluation of run " + in.runId() + " failed", e);
    }
  }
}
