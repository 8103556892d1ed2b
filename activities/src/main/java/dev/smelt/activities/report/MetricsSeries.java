package dev.smelt.activities.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads one field of a metrics.jsonl as (step, value) points, skipping lines without it. */
final class MetricsSeries {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetricsSeries() {}

  static List<double[]> series(Path metricsJsonl, String field) {
    List<double[]> points = new ArrayList<>();
    if (!Files.exists(metricsJsonl)) {
      return points;
    }
    try {
      for (String line : Files.readAllLines(metricsJsonl)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        if (n.hasNonNull(field) && n.hasNonNull("step")) {
          points.add(new double[] {n.get("step").asDouble(), n.get(field).asDouble()});
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + metricsJsonl, e);
    }
    return points;
  }
}
