package dev.smelt.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.baseline.LearningCurve;
import dev.smelt.workflows.stage.CurvePoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The headline's interval over seeds and test examples. */
class CurveSeedsIntervalTest {
  private static CurvePoint p(String model, String correct, long seed) {
    double acc = correct.chars().filter(c -> c == '1').count() / (double) correct.length();
    return new CurvePoint(model, 100, 20, acc, acc, correct, seed, null);
  }

  private static String ones(int right, int n) {
    return "1".repeat(right) + "0".repeat(n - right);
  }

  @Test
  void aGainEverySeedAgreesOnHasAnIntervalAboveZero() {
    List<CurvePoint> pre = List.of(p(LearningCurve.PRETRAINED, ones(160, 200), 1),
        p(LearningCurve.PRETRAINED, ones(150, 200), 2), p(LearningCurve.PRETRAINED, ones(170, 200), 3));
    List<CurvePoint> scratch = List.of(p(LearningCurve.SCRATCH, ones(100, 200), 1),
        p(LearningCurve.SCRATCH, ones(110, 200), 2), p(LearningCurve.SCRATCH, ones(90, 200), 3));
    CurveIntervals.Interval ci = CurveIntervals.difference(pre, scratch, 200, 2000, 7);
    assertEquals(0.3, ci.value(), 1e-12, "mean 0.8 minus mean 0.5");
    assertTrue(ci.low() > 0.15 && ci.high() < 0.45, ci.toString()); // test sampling and seeds
    assertTrue(ci.method().contains("3 seeds and 200 test examples"), ci.method());
  }

  @Test
  void seedsThatDisagreeWidenTheInterval() {
    List<CurvePoint> steady = List.of(p("a", ones(120, 200), 1), p("a", ones(120, 200), 2),
        p("a", ones(120, 200), 3));
    List<CurvePoint> split = List.of(p("a", ones(160, 200), 1), p("a", ones(80, 200), 2),
        p("a", ones(120, 200), 3));
    List<CurvePoint> base = List.of(p("b", ones(100, 200), 1), p("b", ones(100, 200), 2),
        p("b", ones(100, 200), 3));
    CurveIntervals.Interval narrow = CurveIntervals.difference(steady, base, 200, 2000, 7);
    CurveIntervals.Interval wide = CurveIntervals.difference(split, base, 200, 2000, 7);
    assertEquals(narrow.value(), wide.value(), 1e-12, "same means");
    assertTrue(wide.high() - wide.low() > 2 * (narrow.high() - narrow.low()),
        narrow + " vs " + wide);
  }

  @Test
  void theHeadlineUsesEverySeedOfThePoint() {
    List<CurvePoint> curve = List.of(p(LearningCurve.PRETRAINED, ones(160, 200), 1),
        p(LearningCurve.SCRATCH, ones(100, 200), 1), p(LearningCurve.PRETRAINED, ones(140, 200), 2),
        p(LearningCurve.SCRATCH, ones(100, 200), 2));
    String s = CurveHeadline.of(curve, 200, 1000, 7).orElseThrow().sentence();
    assertTrue(s.startsWith("Pre-training gained 25.0 points of accuracy at 100 training examples"),
        s);
    assertTrue(s.contains("2 seeds"), s);
  }
}
