package dev.smelt.activities.checkpoint;

import dev.smelt.settings.PretrainConfig;

/**
 * When a training loop checkpoints and how many it keeps: every {@code everySteps} steps (0 =
 * never by count), every {@code everyMinutes} of wall clock (0 = never by time), the newest
 * {@code keep}. Fine-tuning and the learning-curve models follow pre-training's settings.
 */
public record CheckpointPolicy(int everySteps, double everyMinutes, int keep) {
  /** No checkpoint on the way: a failed attempt starts over (tests, benches). */
  public static final CheckpointPolicy NONE = new CheckpointPolicy(0, 0, 1);

  /** {@code pretrain.checkpointEvery}, {@code checkpointEveryMinutes}, {@code keepCheckpoints}. */
  public static CheckpointPolicy of(PretrainConfig p) {
    return new CheckpointPolicy(p.checkpointEvery(), p.checkpointEveryMinutes(),
        p.keepCheckpoints());
  }

  /** Whether {@code step} is a checkpoint by count. */
  public boolean dueAt(int step) {
    return everySteps > 0 && step % everySteps == 0;
  }
}
