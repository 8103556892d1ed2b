package dev.smelt.activities.pretrain;

import java.nio.file.Path;

/** Progress callbacks (the activity heartbeats from them). An exception thrown here stops the run. */
public interface PretrainListener {
  PretrainListener NONE = new PretrainListener() {};

  default void onStep(int step, int total, double loss, double lr, double tokensPerSecond) {}

  default void onCheckpoint(int step, Path dir) {}

  default void onValidation(int step, double valLoss) {}

  /**
   * Asked after every step: true stops training there with a checkpoint of that step, awaited
   * before {@link Pretrainer#run} returns {@link dev.smelt.workflows.stage.StopReason#STOPPED}
   * (a pause, a cancelled run, a worker shutting down); a later run resumes from it.
   */
  default boolean stopRequested() {
    return false;
  }
}
