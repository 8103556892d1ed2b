package dev.smelt.activities.report;

import dev.smelt.activities.eval.Bootstrap;
import dev.smelt.workflows.stage.CurvePoint;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * 95 % intervals of learning-curve points, from each point's per-example correctness when the curve
 * kept it (a percentile bootstrap over the test examples, paired between two models; over the seeds
 * too when a point has several), else from a normal approximation on the accuracy and the
 * test-split size.
 */
final class CurveIntervals {
  private static final double Z95 = 1.959964; // two-sided 95 % quantile of the standard normal

  /** A value, its interval, and how the interval was found, in words for the report. */
  record Interval(double value, double low, double high, String method) {}

  private CurveIntervals() {}

  /** The accuracy of one point; {@code n} is the test split's size (used when correctness is missing). */
  static Interval accuracy(CurvePoint p, int n, int resamples, long seed) {
    if (p.correct() == null || p.correct().isEmpty()) {
      double half = Z95 * Math.sqrt(p.accuracy() * (1 - p.accuracy()) / n);
      return new Interval(p.accuracy(), p.accuracy() - half, p.accuracy() + half,
          "normal approximation");
    }
    int[] right = outcomes(p);
    Bootstrap.Interval ci = Bootstrap.ci95((x, unused) -> mean(x), right, right, resamples, seed);
    return new Interval(ci.value(), ci.low(), ci.high(), "bootstrap over test examples");
  }

  /** Accuracy of {@code a} minus that of {@code b}, two models scored on the same test examples. */
  static Interval difference(CurvePoint a, CurvePoint b, int n, int resamples, long seed) {
    double diff = a.accuracy() - b.accuracy();
    boolean paired = a.correct() != null && b.correct() != null && !a.correct().isEmpty()
        && a.correct().length() == b.correct().length();
    if (!paired) {
      double half = Z95 * Math.sqrt(a.accuracy() * (1 - a.accuracy()) / n
          + b.accuracy() * (1 - b.accuracy()) / n);
      return new Interval(diff, diff - half, diff + half, "unpaired normal approximation; this "
          + "curve kept no per-example predictions");
    }
    Bootstrap.Interval ci = Bootstrap.ci95((x, y) -> mean(x) - mean(y), outcomes(a), outcomes(b),
        resamples, seed);
    return new Interval(ci.value(), ci.low(), ci.high(),
        "paired bootstrap over " + a.correct().length() + " test examples");
  }

  /**
   * Mean accuracy of {@code a}'s seeds minus that of {@code b}'s: one seed each is {@link
   * #difference(CurvePoint, CurvePoint, int, int, long)}; with more, each resample draws seeds
   * (paired by their order: seed k of both models) and test examples with replacement, so the
   * interval holds the spread between seeds as well as that of the test sample.
   */
  static Interval difference(List<CurvePoint> a, List<CurvePoint> b, int n, int resamples,
      long seed) {
    if (a.size() == 1 && b.size() == 1) {
      return difference(a.get(0), b.get(0), n, resamples, seed);
    }
    double diff = mean(a) - mean(b);
    int k = Math.min(a.size(), b.size());
    boolean paired = k > 0 && a.size() == b.size() && Stream.concat(a.stream(), b.stream())
        .allMatch(p -> p.correct() != null && p.correct().length() == a.get(0).correct().length()
            && !p.correct().isEmpty());
    if (!paired) {
      double pa = mean(a);
      double pb = mean(b);
      double half = Z95 * Math.sqrt(pa * (1 - pa) / n + pb * (1 - pb) / n);
      return new Interval(diff, diff - half, diff + half, "unpaired normal approximation on the "
          + "seeds' mean accuracies; this curve kept no per-example predictions");
    }
    int m = a.get(0).correct().length();
    int[][] da = new int[k][];
    int[][] db = new int[k][];
    for (int s = 0; s < k; s++) {
      da[s] = outcomes(a.get(s));
      db[s] = outcomes(b.get(s));
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] values = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      int[] seeds = new int[k];
      for (int s = 0; s < k; s++) {
        seeds[s] = rng.nextInt(k);
      }
      long sum = 0;
      for (int i = 0; i < m; i++) {
        int j = rng.nextInt(m);
        for (int s : seeds) {
          sum += da[s][j] - db[s][j];
        }
      }
      values[r] = (double) sum / ((long) m * k);
    }
    Arrays.sort(values);
    return new Interval(diff, Bootstrap.percentile(values, 0.025),
        Bootstrap.percentile(values, 0.975),
        "paired bootstrap over " + k + " seeds and " + m + " test examples");
  }

  private static double mean(List<CurvePoint> points) {
    return points.stream().mapToDouble(CurvePoint::accuracy).average().orElse(Double.NaN);
  }

  private static int[] outcomes(CurvePoint p) {
    return p.correct().chars().map(ch -> ch == '1' ? 1 : 0).toArray();
  }

  private static double mean(int[] x) {
    double sum = 0;
    for (int v : x) {
      sum += v;
    }
    return x.length == 0 ? Double.NaN : sum / x.length;
  }
}
