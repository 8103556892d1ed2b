package dev.smelt.workflows.stage;

/** Accuracy and macro-F1 of one model on the test split, with 95 % percentile-bootstrap intervals and the
 * bootstrap standard errors of both. */
public record ModelScore(
    String model,
    double accuracy,
    double accuracyLow,
    double accuracyHigh,
    double accuracyStderr,
    double macroF1,
    double macroF1Low,
    double macroF1High,
    double macroF1Stderr,
    int examples) {}
