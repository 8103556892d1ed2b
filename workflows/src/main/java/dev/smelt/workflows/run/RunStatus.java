package dev.smelt.workflows.run;

import dev.smelt.workflows.stage.Stage;
import java.util.List;

/**
 * Answer to the status query: the stages in order, how many are done, the current one, which of
 * the done ones were served from the cache, whether a pause was asked for, and where the run
 * stands paused once its stage has stopped ({@code pausedAt}, e.g. "pretrain step 37"; null
 * while running or still stopping).
 */
public record RunStatus(List<String> stages, int completed, String current, List<String> cached,
    boolean pauseRequested, String pausedAt) {
  public static final List<String> STAGES = Stage.ids();

  public RunStatus {
    cached = cached == null ? List.of() : List.copyOf(cached);
  }

  public RunStatus(List<String> stages, int completed, String current, List<String> cached) {
    this(stages, completed, current, cached, false, null);
  }

  public RunStatus(List<String> stages, int completed, String current) {
    this(stages, completed, current, List.of());
  }

  /** "running", "pausing" (asked, the stage still stopping) or "paused at pretrain step 37". */
  public String state() {
    return !pauseRequested ? "running" : pausedAt == null ? "pausing" : "paused at " + pausedAt;
  }
}
