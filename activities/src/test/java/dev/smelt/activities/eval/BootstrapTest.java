package dev.smelt.activities.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  /** n predictions of which {@code right} are correct, in a shuffled order. */
  static int[][] predictions(int n, int right, long seed) {
    int[] pred = new int[n];
    int[] gold = new int[n];
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      gold[i] = r.nextInt(2);
      pred[i] = i < right ? gold[i] : 1 - gold[i];
    }
    return new int[][] {pred, gold};
  }

  @Test
  void intervalOfAccuracyMatchesTheBinomialWidthAndContainsTheEstimate() {
    int[][] pg = predictions(400, 300, 1);
    Bootstrap.Interval ci =
        Bootstrap.ci95(ClassificationScores::accuracy, pg[0], pg[1], 1000, 42);
    assertEquals(0.75, ci.value(), 1e-12);
    assertTrue(ci.low() < 0.75 && 0.75 < ci.high(), ci.toString());
    double se = Math.sqrt(0.75 * 0.25 / 400); // 0.0217: the interval is about ±1.96 se
    assertEquals(se, ci.stderr(), 0.004);
    assertEquals(0.75 - 1.96 * se, ci.low(), 0.01);
    assertEquals(0.75 + 1.96 * se, ci.high(), 0.01);
  }

  @Test
  void sameSeedSameIntervalAndMoreDataNarrowsIt() {
    int[][] small = predictions(50, 40, 2);
    int[][] large = predictions(2000, 1600, 2);
    Bootstrap.Interval a = Bootstrap.ci95(ClassificationScores::accuracy, small[0], small[1], 1000, 7);
    Bootstrap.Interval b = Bootstrap.ci95(ClassificationScores::accuracy, small[0], small[1], 1000, 7);
    Bootstrap.Interval c = Bootstrap.ci95(ClassificationScores::accuracy, large[0], large[1], 1000, 7);
    assertEquals(a, b);
    assertTrue(c.high() - c.low() < (a.high() - a.low()) / 3, a + " vs " + c);
  }

  @Test
  void percentileInterpolatesBetweenRanks() {
    double[] sorted = {0, 10, 20, 30, 40};
    assertEquals(0, Bootstrap.percentile(sorted, 0), 1e-12);
    assertEquals(5, Bootstrap.percentile(sorted, 0.125), 1e-12);
    assertEquals(40, Bootstrap.percentile(sorted, 1), 1e-12);
  }

  @Test
  void macroF1AveragesPerClassF1() {
    int[] gold = {0, 0, 0, 0, 1, 1};
    int[] pred = {0, 0, 0, 1, 1, 0};
    // class 0: tp 3, fp 1, fn 1 → 0.75; class 1: tp 1, fp 1, fn 1 → 0.5
    assertEquals(0.625, ClassificationScores.macroF1(pred, gold), 1e-12);
    assertEquals(4.0 / 6, ClassificationScores.accuracy(pred, gold), 1e-12);
    int[] allZero = {0, 0, 0, 0, 0, 0}; // majority class: F1 of class 1 is 0
    assertEquals((2 * 4.0 / (8 + 2)) / 2, ClassificationScores.macroF1(allZero, gold), 1e-12);
  }
}
