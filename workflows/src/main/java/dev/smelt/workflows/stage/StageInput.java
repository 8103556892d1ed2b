package dev.smelt.workflows.stage;

import dev.smelt.settings.RunConfig;
import java.util.List;

/**
 * What every stage activity receives: which run, where its folder is, and its config.
 * {@code rerun} names the stages run again even when their fingerprint matches a finished one
 * ({@code smelt resume --force STAGE}); empty for a plain run.
 */
public record StageInput(String runId, String runDir, RunConfig config, List<Stage> rerun) {
  public StageInput {
    rerun = rerun == null ? List.of() : List.copyOf(rerun);
  }

  /** A run that reruns only what its fingerprints say changed. */
  public StageInput(String runId, String runDir, RunConfig config) {
    this(runId, runDir, config, List.of());
  }
}
