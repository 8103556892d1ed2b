package dev.smelt.activities.finetune;

import java.util.List;

/**
 * Early stopping of a fine-tuning job: every {@code evalEvery} steps the mean cross-entropy on
 * {@code examples} (held out from the job's training examples) is measured, and the job stops
 * after {@code patience} measurements in a row without a lower one, at most at its step count.
 * The model is then tested as it is at that step (Keras's default, no restore of the best weights).
 */
public record ValidationStop(List<LabelledText> examples, int evalEvery, int patience) {
  /** Train every configured step, measuring nothing on the way. */
  public static final ValidationStop NONE = new ValidationStop(List.of(), 0, 0);

  public ValidationStop {
    examples = List.copyOf(examples);
  }

  /** Whether the rule can fire: examples to measure, a cadence and a patience. */
  public boolean on() {
    return patience > 0 && evalEvery > 0 && !examples.isEmpty();
  }

  /** Whether {@code step} is a measurement. */
  public boolean dueAt(int step) {
    return on() && step % evalEvery == 0;
  }
}
