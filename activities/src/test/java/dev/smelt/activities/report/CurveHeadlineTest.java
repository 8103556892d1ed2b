package dev.smelt.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.baseline.LearningCurve;
import dev.smelt.workflows.stage.CurvePoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurveHeadlineTest {
  private static final int RESAMPLES = 1000;

  /** A point whose first {@code right} of {@code n} test examples are correct. */
  private static CurvePoint point(String model, int examples, int right, int n) {
    return new CurvePoint(model, examples, 20, (double) right / n, 0.5,
        "1".repeat(right) + "0".repeat(n - right));
  }

  private static String sentence(List<CurvePoint> curve) {
    return CurveHeadline.of(curve, 200, RESAMPLES, 7).orElseThrow().sentence();
  }

  @Test
  void clearGainIsWordedAsAGainWithItsPairedInterval() {
    String s = sentence(List.of(point(LearningCurve.PRETRAINED, 100, 160, 200),
        point(LearningCurve.SCRATCH, 100, 100, 200)));
    assertTrue(s.startsWith("Pre-training gained 30.0 points of accuracy at 100 training examples"),
        s);
    assertTrue(s.contains("paired bootstrap over 200 test examples"), s);
  }

  @Test
  void clearLossIsWordedAsALoss() {
    String s = sentence(List.of(point(LearningCurve.PRETRAINED, 100, 90, 200),
        point(LearningCurve.SCRATCH, 100, 150, 200)));
    assertTrue(s.startsWith("Pre-training lost 30.0 points of accuracy at 100 training examples"), s);
  }

  @Test
  void intervalSpanningZeroIsNoClearDifference() {
    // Same accuracy, disagreeing on half the examples: a wide interval around 0.
    CurvePoint pre = new CurvePoint(LearningCurve.PRETRAINED, 100, 20, 0.5, 0.5, "10".repeat(100));
    CurvePoint scratch = new CurvePoint(LearningCurve.SCRATCH, 100, 20, 0.5, 0.5, "01".repeat(100));
    String s = sentence(List.of(pre, scratch));
    assertTrue(s.startsWith("No clear difference from pre-training at 100 training examples: "
        + "+0.0 points"), s);
    assertTrue(s.contains("the interval spans 0"), s);
  }

  @Test
  void comparesAtTheSmallestSizeFromOneHundredElseTheLargest() {
    List<CurvePoint> curve = List.of(point(LearningCurve.PRETRAINED, 50, 100, 200),
        point(LearningCurve.SCRATCH, 50, 100, 200), point(LearningCurve.PRETRAINED, 200, 150, 200),
        point(LearningCurve.SCRATCH, 200, 100, 200), point(LearningCurve.PRETRAINED, 900, 180, 200),
        point(LearningCurve.SCRATCH, 900, 170, 200), point(LearningCurve.BOW, 100, 100, 200));
    assertEquals(200, CurveHeadline.of(curve, 200, RESAMPLES, 7).orElseThrow().examples(),
        "100 has no pre-trained/scratch pair, so 200");
    assertEquals(50, CurveHeadline.of(curve.subList(0, 2), 200, RESAMPLES, 7).orElseThrow()
        .examples());
    assertTrue(CurveHeadline.of(curve.subList(6, 7), 200, RESAMPLES, 7).isEmpty());
  }

  @Test
  void curveWithoutPerExampleOutcomesFallsBackToAnUnpairedIntervalAndSaysSo() {
    CurvePoint pre = new CurvePoint(LearningCurve.PRETRAINED, 100, 20, 0.8, 0.8, null);
    CurvePoint scratch = new CurvePoint(LearningCurve.SCRATCH, 100, 20, 0.5, 0.5, null);
    CurveIntervals.Interval gain = CurveIntervals.difference(pre, scratch, 200, RESAMPLES, 7);
    double half = 1.959964 * Math.sqrt(0.8 * 0.2 / 200 + 0.5 * 0.5 / 200);
    assertEquals(0.3 - half, gain.low(), 1e-9);
    assertEquals(0.3 + half, gain.high(), 1e-9);
    assertTrue(gain.method().startsWith("unpaired normal approximation"), gain.method());
  }
}
