package dev.smelt.activities.pretrain;

import dev.smelt.workflows.stage.StopReason;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * When a training loop stops, asked once after every step: the last step, validation that stopped
 * improving ({@link EarlyStop}), the wall-clock budget ({@link TrainingClock}), a stop request, in
 * that order of precedence. Pre-training and fine-tuning share it.
 */
public final class StopRules {
  private final int maxSteps;
  private final EarlyStop earlyStop;
  private final TrainingClock clock;
  private final BooleanSupplier stopRequested;

  public StopRules(int maxSteps, EarlyStop earlyStop, TrainingClock clock,
      BooleanSupplier stopRequested) {
    this.maxSteps = maxSteps;
    this.earlyStop = earlyStop;
    this.clock = clock;
    this.stopRequested = stopRequested;
  }

  /** {@code valLoss}: this step's validation loss, NaN when it was not measured. */
  public Optional<StopReason> after(int step, double valLoss) {
    boolean worse = earlyStop.record(valLoss);
    if (step >= maxSteps) {
      return Optional.of(StopReason.MAX_STEPS);
    }
    if (worse) {
      return Optional.of(StopReason.EARLY_STOP);
    }
    if (clock.budgetSpent()) {
      return Optional.of(StopReason.BUDGET);
    }
    return stopRequested.getAsBoolean() ? Optional.of(StopReason.STOPPED) : Optional.empty();
  }
}
