package dev.smelt.workflows.stage;

/**
 * Outcome of pre-training. {@code resumedFromStep} is 0 for a run that never restarted;
 * {@code steps} is the last step trained; {@code stopReason} says why it ended ({@link StopReason};
 * {@link StopReason#STOPPED}: paused or cancelled, checkpointed at {@code steps}, no final weights,
 * {@code finalModelDir} null).
 * {@code stepsRedone}: steps an earlier attempt had reached (as its heartbeats and metrics.jsonl
 * saw) past the checkpoint this one resumed from, so trained twice; 0 without a resume.
 */
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
    double seconds,
    StopReason stopReason,
    int stepsRedone) {

  /** A result with no steps redone (no resume, or one that lost nothing). */
  public PretrainResult(int steps, double firstLoss, double lastLoss, double valLoss, long tokens,
      double tokensPerSecond, long parameters, int resumedFromStep, String finalModelDir,
      double seconds, StopReason stopReason) {
    this(steps, firstLoss, lastLoss, valLoss, tokens, tokensPerSecond, parameters, resumedFromStep,
        finalModelDir, seconds, stopReason, 0);
  }

  /** Training stopped on request before its end: a resume continues from the checkpoint. */
  public boolean stopped() {
    return stopReason == StopReason.STOPPED;
  }

  /** This result, {@code n} steps trained twice since the resume. */
  public PretrainResult withStepsRedone(int n) {
    return new PretrainResult(steps, firstLoss, lastLoss, valLoss, tokens, tokensPerSecond,
        parameters, resumedFromStep, finalModelDir, seconds, stopReason, n);
  }
}
