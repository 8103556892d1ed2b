package dev.smelt.workflows.stage;

/**
 * Outcome of pre-training. {@code resumedFromStep} is 0 for a run that never restarted;
 * {@code steps} is the last step trained; {@code stopReason} is "completed" (all configured steps),
 * "budget" (pretrain.maxMinutes ran out) or "early_stop" (validation loss stopped improving).
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
    String stopReason) {
  public static final String COMPLETED = "completed";
  public static final String BUDGET = "budget";
  public static final String EARLY_STOP = "early_stop";
}
