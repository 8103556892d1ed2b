package dev.smelt.pipeline.beam;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Reads a run's Beam counters by name. */
public final class BeamCounters {
  private BeamCounters() {}

  /** Which value of a counter to read. */
  public enum Value {
    /** What finished work counted, where the runner has it (exact at the end); else attempted. */
    COMMITTED,
    /** What all work so far counted, retried work included: an estimate while running. */
    ATTEMPTED
  }

  /**
   * Every counter of {@code namespace}, by name; a name reported by several steps is their sum.
   */
  public static Map<String, Long> inNamespace(MetricResults metrics, String namespace, Value value) {
    MetricsFilter filter =
        MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(namespace)).build();
    Map<String, Long> out = new HashMap<>();
    for (MetricResult<Long> counter : metrics.queryMetrics(filter).getCounters()) {
      out.merge(counter.getName().getName(), read(counter, value), Long::sum);
    }
    return out;
  }

  /** One counter, summed over the steps that report it; 0 if none did. */
  public static long named(MetricResults metrics, String namespace, String name, Value value) {
    return inNamespace(metrics, namespace, value).getOrDefault(name, 0L);
  }

  private static long read(MetricResult<Long> counter, Value value) {
    if (value == Value.COMMITTED) {
      try {
        return counter.getCommitted();
      } catch (UnsupportedOperationException runnerHasNoCommittedMetrics) {
        return counter.getAttempted();
      }
    }
    return counter.getAttempted();
  }
}
