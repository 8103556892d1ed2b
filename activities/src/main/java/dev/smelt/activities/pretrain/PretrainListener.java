package dev.smelt.activities.pretrain;

import java.nio.file.Path;

/** Progress callbacks (the activity heartbeats from them). An exception thrown here stops the run. */
public interface PretrainListener {
  PretrainListener NONE = new PretrainListener() {};

  default void onStep(int step, int total, double loss, double lr, double tokensPerSecond) {}

  default void onCheckpoint(int step, Path dir) {}

  default void onValidation(int step, double valLoss) {}
}
