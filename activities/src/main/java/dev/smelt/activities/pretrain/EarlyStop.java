package dev.smelt.activities.pretrain;

/**
 * Stops training after {@code patience} validation measurements in a row that did not beat the
 * best loss by more than {@code minDelta} (patience 0: never). Its two numbers are checkpointed.
 */
public final class EarlyStop {
  private final int patience;
  private final double minDelta;
  private double best;
  private int withoutImprovement;

  public EarlyStop(int patience, double minDelta, double best, int withoutImprovement) {
    this.patience = patience;
    this.minDelta = minDelta;
    this.best = best;
    this.withoutImprovement = withoutImprovement;
  }

  /** Records a validation loss; true when training should stop. */
  public boolean record(double valLoss) {
    if (Double.isNaN(valLoss)) {
      return false;
    }
    if (valLoss < best - minDelta) {
      best = valLoss;
      withoutImprovement = 0;
    } else {
      withoutImprovement++;
    }
    return patience > 0 && withoutImprovement >= patience;
  }

  public double best() {
    return best;
  }

  public int withoutImprovement() {
    return withoutImprovement;
  }
}
