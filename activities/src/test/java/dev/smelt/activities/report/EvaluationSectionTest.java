package dev.smelt.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.baseline.LearningCurve;
import dev.smelt.workflows.stage.BaselinesResult;
import dev.smelt.workflows.stage.CurvePoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationSectionTest {
  @Test
  void learningCurveDrawsOneErrorBarPerPointAndTabulatesStepsAndIntervals() {
    List<CurvePoint> curve = List.of(
        new CurvePoint(LearningCurve.PRETRAINED, 50, 20, 0.75, 0.7, "1110".repeat(25)),
        new CurvePoint(LearningCurve.SCRATCH, 50, 20, 0.5, 0.5, "10".repeat(50)),
        new CurvePoint(LearningCurve.BOW, 50, 30, 0.6, 0.6, null));
    StringBuilder b = new StringBuilder();
    EvaluationSection.learningCurve(b, new BaselinesResult("sentiment", "s", "b", curve, 1.0),
        100, 500, 7);
    String html = b.toString();
    assertEquals(3, html.split("class=\"error-bar\"", -1).length - 1);
    assertTrue(html.contains("<td class=\"n\">30</td>"), "bow's epochs are shown as its steps");
    assertTrue(html.contains("Budget rule"), html);
  }
}
