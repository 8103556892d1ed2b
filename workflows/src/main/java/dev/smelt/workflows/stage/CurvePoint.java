package dev.smelt.workflows.stage;

/**
 * Test accuracy of one model trained on the first {@code examples} training examples for
 * {@code steps} steps (epochs for bag-of-words).
 *
 * @param correct one character per test example in test-split order, '1' where this model was
 *     right: enough for a paired bootstrap between two models, and compact in a Temporal payload;
 *     null in curves written before it existed
 */
public record CurvePoint(String model, int examples, int steps, double accuracy, double macroF1,
    String correct) {}
