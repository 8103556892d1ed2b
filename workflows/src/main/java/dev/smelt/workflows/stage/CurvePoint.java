package dev.smelt.workflows.stage;

/**
 * Test accuracy of one model trained on the first {@code examples} training examples with one
 * seed: {@code steps} are the steps it trained (epochs for bag-of-words), early stopping included.
 *
 * @param correct one character per test example in test-split order, '1' where this model was
 *     right: enough for a paired bootstrap between two models, and compact in a Temporal payload;
 *     null in curves written before it existed
 * @param seed the seed of this model (a point of several seeds has one entry per seed); 0 in
 *     curves written before seeds existed
 * @param stopReason why it stopped at {@code steps}; null in curves written before it existed
 */
public record CurvePoint(String model, int examples, int steps, double accuracy, double macroF1,
    String correct, long seed, StopReason stopReason) {
  /** A point of one seed whose stop is not recorded. */
  public CurvePoint(String model, int examples, int steps, double accuracy, double macroF1,
      String correct) {
    this(model, examples, steps, accuracy, macroF1, correct, 0, null);
  }
}
