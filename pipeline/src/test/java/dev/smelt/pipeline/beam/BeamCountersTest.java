package dev.smelt.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smelt.pipeline.beam.BeamCounters.Value;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.MetricKey;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.junit.jupiter.api.Test;

class BeamCountersTest {
  private static final String NS = "smelt.test";

  @Test
  void sumsANameOverStepsAndReadsCommittedWhereTheRunnerHasIt() {
    MetricResults metrics = results(List.of(
        MetricResult.create(key("step1", "docs"), 5L, 7L),
        MetricResult.create(key("step2", "docs"), 2L, 2L),
        MetricResult.create(key("step1", "bytes"), 10L, 12L)));

    assertEquals(Map.of("docs", 7L, "bytes", 10L), BeamCounters.inNamespace(metrics, NS, Value.COMMITTED));
    assertEquals(Map.of("docs", 9L, "bytes", 12L), BeamCounters.inNamespace(metrics, NS, Value.ATTEMPTED));
  }

  @Test
  void fallsBackToAttemptedWhereTheRunnerHasNoCommittedValues() {
    MetricResults metrics = results(List.of(MetricResult.attempted(key("step1", "docs"), 4L)));

    assertEquals(4, BeamCounters.named(metrics, NS, "docs", Value.COMMITTED));
    assertEquals(0, BeamCounters.named(metrics, NS, "absent", Value.COMMITTED));
  }

  private static MetricKey key(String step, String name) {
    return MetricKey.create(step, MetricName.named(NS, name));
  }

  /** Filters by namespace only, as BeamCounters asks. */
  private static MetricResults results(List<MetricResult<Long>> counters) {
    return new MetricResults() {
      @Override
      public MetricQueryResults queryMetrics(MetricsFilter filter) {
        return MetricQueryResults.create(counters, List.of(), List.of(), List.of());
      }
    };
  }
}
