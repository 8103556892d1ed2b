package dev.smelt.workflows.stage;

/** Outcome of pre-training. {@code resumedFromStep} is 0 for a run that never restarted. */
public record PretrainResult(
    int steps,
    double firstLoss,
    double lastLoss,
    double valLoss,
    long tokens,
    double tokensPerSecond,
    long parameters,
    int resumedFromStep,
    String finalModelDir,
    double seconds) {}
