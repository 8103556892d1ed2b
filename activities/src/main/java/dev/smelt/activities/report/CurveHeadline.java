package dev.smelt.activities.report;

import dev.smelt.activities.baseline.LearningCurve;
import dev.smelt.activities.eval.CurveSummary;
import dev.smelt.workflows.stage.CurvePoint;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's first line: what pre-training bought on the task, read off the learning curve as the
 * pre-trained minus the from-scratch accuracy at one training-set size (means over the point's
 * seeds), with its 95 % interval.
 */
final class CurveHeadline {
  /** Issue 14 asks for the gain "at 100 examples": the smallest curve size from here up. */
  static final int HEADLINE_EXAMPLES = 100;

  /** The compared size and the accuracy difference (fractions) with its interval. */
  record Answer(int examples, CurveIntervals.Interval gain) {
    /** Worded as what it is: a gain, a loss, or no clear difference when the interval spans 0. */
    String sentence() {
      String ci = String.format(Locale.ROOT, "95 %% CI %s to %s points; %s", points(gain.low()),
          points(gain.high()), gain.method());
      String at = String.format(Locale.ROOT, "at %,d training examples", examples);
      if (gain.low() > 0) {
        return "Pre-training gained " + points(gain.value()) + " points of accuracy " + at + " ("
            + ci + ").";
      }
      if (gain.high() < 0) {
        return "Pre-training lost " + points(-gain.value()) + " points of accuracy " + at + " ("
            + ci + ").";
      }
      return "No clear difference from pre-training " + at + ": " + signed(gain.value())
          + " points of accuracy (" + ci + "; the interval spans 0).";
    }
  }

  private CurveHeadline() {}

  /**
   * The answer at the smallest size of at least {@link #HEADLINE_EXAMPLES} where both models have a
   * point, else at the largest size they share; empty when the curve has no such pair.
   */
  static Optional<Answer> of(List<CurvePoint> curve, int testExamples, int resamples, long seed) {
    List<Integer> shared = curve.stream().filter(p -> p.model().equals(LearningCurve.PRETRAINED))
        .map(CurvePoint::examples).filter(n -> find(curve, LearningCurve.SCRATCH, n).isPresent())
        .sorted().toList();
    if (shared.isEmpty()) {
      return Optional.empty();
    }
    int n = shared.stream().filter(x -> x >= HEADLINE_EXAMPLES).findFirst()
        .orElse(shared.get(shared.size() - 1));
    return Optional.of(new Answer(n, CurveIntervals.difference(
        CurveSummary.seeds(curve, LearningCurve.PRETRAINED, n),
        CurveSummary.seeds(curve, LearningCurve.SCRATCH, n), testExamples, resamples, seed)));
  }

  private static Optional<CurvePoint> find(List<CurvePoint> curve, String model, int examples) {
    return curve.stream().filter(p -> p.model().equals(model) && p.examples() == examples)
        .findFirst();
  }

  private static String points(double fraction) {
    return String.format(Locale.ROOT, "%.1f", 100 * fraction);
  }

  private static String signed(double fraction) {
    return String.format(Locale.ROOT, "%+.1f", 100 * fraction);
  }
}
