package dev.smelt.infra.progress;

import dev.smelt.workflows.stage.TrainingProgress;
import java.util.List;

/**
 * What a watcher saw of a run at one moment: the current stage, the newest heartbeat of its
 * activity (null before the first), which attempt of that activity is running, the stages
 * served from the cache so far, and the run's state: "running", "pausing", "paused at pretrain
 * step 37", or how the workflow ended ("completed", "cancelled", "failed", "terminated", …).
 */
public record StageSnapshot(String stage, int completed, int stages, TrainingProgress heartbeat, int attempt,
    String lastFailure, List<String> cached, String state) {
  public StageSnapshot {
    cached = cached == null ? List.of() : List.copyOf(cached);
    state = state == null ? "running" : state;
  }

  public StageSnapshot(String stage, int completed, int stages, TrainingProgress heartbeat,
      int attempt, String lastFailure) {
    this(stage, completed, stages, heartbeat, attempt, lastFailure, List.of(), "running");
  }

  /** The run is going on: not paused, not ended. */
  public boolean running() {
    return "running".equals(state);
  }
}
