package dev.smelt.activities.eval;

import dev.smelt.workflows.stage.CurvePoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learning curve's seeds folded into one row per model and size: the mean test accuracy, its
 * spread over the seeds (sample standard deviation, min and max) and the steps each seed got.
 */
public final class CurveSummary {
  /** One model at one size over its seeds; {@code sd} is 0 for a single seed. */
  public record Row(String model, int examples, int seeds, double mean, double sd, double min,
      double max, double meanMacroF1, List<Integer> steps) {}

  private CurveSummary() {}

  /** The rows in the curve's order of first appearance (model by model within each size). */
  public static List<Row> of(List<CurvePoint> curve) {
    Map<String, List<CurvePoint>> groups = new LinkedHashMap<>();
    for (CurvePoint p : curve) {
      groups.computeIfAbsent(p.model() + "\u0000" + p.examples(), k -> new ArrayList<>()).add(p);
    }
    List<Row> rows = new ArrayList<>();
    for (List<CurvePoint> g : groups.values()) {
      rows.add(row(g));
    }
    return rows;
  }

  /** The points of {@code model} at {@code examples}, one per seed, in curve order. */
  public static List<CurvePoint> seeds(List<CurvePoint> curve, String model, int examples) {
    return curve.stream().filter(p -> p.model().equals(model) && p.examples() == examples)
        .toList();
  }

  static Row row(List<CurvePoint> g) {
    int k = g.size();
    double sum = 0;
    double f1 = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    List<Integer> steps = new ArrayList<>();
    for (CurvePoint p : g) {
      sum += p.accuracy();
      f1 += p.macroF1();
      min = Math.min(min, p.accuracy());
      max = Math.max(max, p.accuracy());
      steps.add(p.steps());
    }
    double mean = sum / k;
    double squares = 0;
    for (CurvePoint p : g) {
      squares += (p.accuracy() - mean) * (p.accuracy() - mean);
    }
    double sd = k > 1 ? Math.sqrt(squares / (k - 1)) : 0;
    return new Row(g.get(0).model(), g.get(0).examples(), k, mean, sd, min, max, f1 / k,
        List.copyOf(steps));
  }
}
