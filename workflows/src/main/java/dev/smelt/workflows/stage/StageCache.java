package dev.smelt.workflows.stage;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Stage caching by fingerprint (DESIGN.md, "Run folder": {@code stages/<stage>.json}). The
 * fingerprint covers the stage's input files (content sha256), its config section, the output
 * hashes of the stages it reads and the code version; only hashes cross into the workflow.
 */
@ActivityInterface
public interface StageCache {
  /** Activity type of {@link #cachedResult}, which the workflow calls untyped with the result class. */
  String CACHED_RESULT = "CachedStageResult";

  /**
   * Fingerprints {@code stage} and compares it with the run folder's record. When it will run
   * (not cached, or named in {@code input.rerun()}), its outputs are cleared first unless the
   * record is an unfinished attempt with the same fingerprint, which it then resumes.
   */
  @ActivityMethod(name = "OpenStage")
  StageCheck open(StageInput input, Stage stage, List<StageOutputHash> upstream);

  /** The result the finished record of {@code stage} holds, as recorded. */
  @ActivityMethod(name = CACHED_RESULT)
  Object cachedResult(StageInput input, Stage stage);

  /**
   * Records {@code stage} as finished with the fingerprint {@code check} computed: hashes its
   * output files and keeps {@code result}. Returns the output hash.
   */
  @ActivityMethod(name = "FinishStage")
  String finish(StageInput input, StageCheck check, Object result);
}
