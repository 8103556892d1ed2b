package dev.smelt.activities.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smelt.workflows.stage.CurvePoint;
import dev.smelt.workflows.stage.StopReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurveSummaryTest {
  private static CurvePoint p(String model, int n, double acc, int steps, long seed) {
    return new CurvePoint(model, n, steps, acc, acc, null, seed, StopReason.EARLY_STOP);
  }

  @Test
  void seedsFoldIntoMeanSpreadAndTheStepsEachGot() {
    List<CurveSummary.Row> rows = CurveSummary.of(List.of(p("a", 50, 0.6, 30, 1),
        p("b", 50, 0.5, 40, 1), p("a", 50, 0.7, 20, 2), p("a", 50, 0.8, 60, 3),
        p("a", 100, 0.9, 10, 1)));
    assertEquals(3, rows.size());
    CurveSummary.Row a = rows.get(0);
    assertEquals("a", a.model());
    assertEquals(50, a.examples());
    assertEquals(3, a.seeds());
    assertEquals(0.7, a.mean(), 1e-12);
    assertEquals(0.1, a.sd(), 1e-12, "sample sd of 0.6, 0.7, 0.8");
    assertEquals(0.6, a.min(), 1e-12);
    assertEquals(0.8, a.max(), 1e-12);
    assertEquals(List.of(30, 20, 60), a.steps());
    assertEquals(0, rows.get(1).sd(), "one seed: no spread");
    assertEquals(100, rows.get(2).examples());
  }
}
