package dev.smelt.infra.progress;

import dev.smelt.workflows.stage.TrainingProgress;
import java.util.List;

/**
 * What a watcher saw of a run at one moment: the current stage, the newest heartbeat of its
 * activity (null before the first), which attempt of that activity is running, and the stages
 * served from the cache so far.
 */
public record StageSnapshot(String stage, int completed, int stages, TrainingProgress heartbeat, int attempt,
    String lastFailure, List<String> cached) {
  public StageSnapshot {
    cached = cached == null ? List.of() : List.copyOf(cached);
  }

  public StageSnapshot(String stage, int completed, int stages, TrainingProgress heartbeat,
      int attempt, String lastFailure) {
    this(stage, completed, stages, heartbeat, attempt, lastFailure, List.of());
  }
}
