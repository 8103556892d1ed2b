package dev.smelt.activities.stage;

import dev.smelt.activities.model.EngineThread;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
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
    return StageShell.run(Stage.EVALUATE, in, runsRoot, ctx -> EngineThread.call(
        () -> RunEvaluation.evaluate(ctx.run(), ctx.input(), null, ctx.progress())));
  }
}
