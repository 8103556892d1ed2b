package dev.smelt.activities.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap of a metric over test examples: resample the examples with replacement,
 * recompute the metric, and take the 2.5th and 97.5th percentiles of the resampled values. Seeded,
 * so the same predictions always give the same interval.
 */
public final class Bootstrap {
  /** A metric of predicted against gold labels. */
  @FunctionalInterface
  public interface Metric {
    double of(int[] predicted, int[] gold);
  }

  /** The metric on all examples, its 95 % interval and the standard deviation of the resamples. */
  public record Interval(double value, double low, double high, double stderr) {}

  private Bootstrap() {}

  public static Interval ci95(Metric metric, int[] predicted, int[] gold, int resamples, long seed) {
    double value = metric.of(predicted, gold);
    int n = gold.length;
    if (n == 0) {
      return new Interval(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] values = new double[resamples];
    int[] p = new int[n];
    int[] g = new int[n];
    for (int r = 0; r < resamples; r++) {
      for (int i = 0; i < n; i++) {
        int j = rng.nextInt(n);
        p[i] = predicted[j];
        g[i] = gold[j];
      }
      values[r] = metric.of(p, g);
    }
    Arrays.sort(values);
    double mean = Arrays.stream(values).average().orElse(Double.NaN);
    double var = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (resamples - 1);
    return new Interval(value, percentile(values, 0.025), percentile(values, 0.975), Math.sqrt(var));
  }

  /** Linear interpolation between the closest ranks of sorted values. */
  public static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
