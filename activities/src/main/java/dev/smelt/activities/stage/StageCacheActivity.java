package dev.smelt.activities.stage;

import dev.smelt.activities.fingerprint.StageLedger;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageCache;
import dev.smelt.workflows.stage.StageCheck;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.StageOutputHash;
import java.nio.file.Path;
import java.util.List;

/**
 * The stage cache over the run folder's stage records ({@link StageLedger}), in the stage shell
 * but not timed as attempts of the stage: {@code smelt_stage_duration} counts the stage's body
 * once.
 */
public class StageCacheActivity implements StageCache {
  private final Path runsRoot;

  /** {@code runsRoot}: the only folder whose run folders this worker writes in. */
  public StageCacheActivity(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  @Override
  public StageCheck open(StageInput in, Stage stage, List<StageOutputHash> upstream) {
    return StageShell.around(stage, in, runsRoot,
        ctx -> new StageLedger(ctx.run(), ctx.progress()).open(in, stage, upstream));
  }

  @Override
  public Object cachedResult(StageInput in, Stage stage) {
    return StageShell.around(stage, in, runsRoot,
        ctx -> new StageLedger(ctx.run(), ctx.progress()).cachedResult(stage));
  }

  @Override
  public String finish(StageInput in, StageCheck check, Object result) {
    return StageShell.around(check.stage(), in, runsRoot,
        ctx -> new StageLedger(ctx.run(), ctx.progress()).finish(in, check, result));
  }
}
