package dev.smelt.activities.report;

import dev.smelt.activities.eval.Bootstrap;
import dev.smelt.workflows.stage.CurvePoint;

/**
 * 95 % intervals of learning-curve points, from each point's per-example correctness when the curve
 * kept it (a percentile bootstrap over the test examples, paired between two models), else from a
 * normal approximation on the accuracy and the test-split size.
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
