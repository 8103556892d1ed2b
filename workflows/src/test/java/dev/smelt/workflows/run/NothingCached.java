package dev.smelt.workflows.run;

import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageCache;
import dev.smelt.workflows.stage.StageCheck;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.StageOutputHash;
import java.util.List;

/** A stage cache of a run folder with no finished stage: every stage runs. */
final class NothingCached implements StageCache {
  @Override
  public StageCheck open(StageInput input, Stage stage, List<StageOutputHash> upstream) {
    return new StageCheck(stage, "fingerprint-" + stage.id(), false, "");
  }

  @Override
  public Object cachedResult(StageInput input, Stage stage) {
    throw new AssertionError("nothing is cached, yet the result of " + stage + " was asked for");
  }

  @Override
  public String finish(StageInput input, StageCheck check, Object result) {
    return "output-" + check.stage().id();
  }
}
