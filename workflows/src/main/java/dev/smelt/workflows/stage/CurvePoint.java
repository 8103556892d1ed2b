package dev.smelt.workflows.stage;

/** Test accuracy of one model trained on the first {@code examples} training examples. */
public record CurvePoint(String model, int examples, int steps, double accuracy, double macroF1) {}
