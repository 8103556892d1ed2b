package dev.smelt.infra.progress;

import dev.smelt.workflows.stage.TrainingProgress;

/**
 * What a watcher saw of a run at one moment: the current stage, the newest heartbeat of its
 * activity (null before the first), and which attempt of that activity is running.
 */
public record StageSnapshot(String stage, int completed, int stages, TrainingProgress heartbeat, int attempt,
    String lastFailure) {}
