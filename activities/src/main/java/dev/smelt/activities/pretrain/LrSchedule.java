package dev.smelt.activities.pretrain;

/**
 * Linear warmup from 0 to the peak over {@code warmupSteps}, then cosine decay to {@code min} at
 * {@code totalSteps}. Steps count from 1, so step 1 already learns.
 */
public record LrSchedule(double peak, double min, int warmupSteps, int totalSteps) {
  public double at(int step) {
    if (step <= warmupSteps) {
      return peak * step / warmupSteps;
    }
    if (step >= totalSteps) {
      return min;
    }
    double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
    return min + 0.5 * (peak - min) * (1 + Math.cos(Math.PI * progress));
  }
}
