package dev.smelt.pipeline.data;

import dev.smelt.pipeline.filter.FunnelCounters;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.language.LanguageCount;
import dev.smelt.pipeline.beam.BeamCounters;
import dev.smelt.pipeline.beam.BeamCounters.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.MetricResults;

/** Turns the funnel's counters (see {@link FunnelCounters}) into {@link DataStats}. */
final class FunnelTotals {
  private final Map<String, Long> counters;

  FunnelTotals(Map<String, Long> counters) {
    this.counters = Map.copyOf(counters);
  }

  /** Reads the funnel counters of a pipeline: committed for the final funnel, attempted while running. */
  static FunnelTotals of(MetricResults metrics, Value value) {
    return new FunnelTotals(BeamCounters.inNamespace(metrics, FunnelCounters.NAMESPACE, value));
  }

  long get(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** Every reject count, stages in the given order, reasons in enum order. */
  List<StageReasonCount> rejects(List<String> stages) {
    List<StageReasonCount> rejects = new ArrayList<>();
    for (String stage : stages) {
      for (RejectReason reason : RejectReason.values()) {
        long docs = get(FunnelCounters.rejectedDocs(stage, reason));
        if (docs > 0) {
          rejects.add(new StageReasonCount(
              stage, reason, docs, get(FunnelCounters.rejectedBytes(stage, reason))));
        }
      }
    }
    return rejects;
  }

  /**
   * Documents through the counted {@code stages} (run order), from their in and reject counters:
   * each document counts 1/k as it is decided at each of the k stages, and whole once a stage
   * rejects it (it enters no later one), so the count grows with every stage's work and ends at
   * the documents read, however the runner interleaves the stages.
   */
  long documentsThrough(List<String> stages) {
    int k = stages.size();
    long decisions = 0; // document × stage decisions made, a reject standing in for the rest
    for (int j = 0; j < k; j++) {
      String stage = stages.get(j);
      long rejected = 0;
      for (RejectReason reason : RejectReason.values()) {
        rejected += get(FunnelCounters.rejectedDocs(stage, reason));
      }
      decisions += get(FunnelCounters.inDocs(stage)) + rejected * (k - 1 - j);
    }
    return decisions / k;
  }

  /** Every rewrite (edits) or tag (edits = documents) count, stages in order, reasons in enum order. */
  List<StageEditCount> edits(List<String> stages, boolean tags) {
    List<StageEditCount> out = new ArrayList<>();
    for (String stage : stages) {
      for (RejectReason reason : RejectReason.values()) {
        long docs = get(tags ? FunnelCounters.taggedDocs(stage, reason) : FunnelCounters.modifiedDocs(stage, reason));
        if (docs > 0) {
          long edits = tags ? docs : get(FunnelCounters.modifiedEdits(stage, reason));
          out.add(new StageEditCount(stage, reason, docs, edits));
        }
      }
    }
    return out;
  }

  /** The funnel of stages run in this order: the first reads, the last one's output is kept. */
  DataStats stats(List<String> stages, double seconds) {
    List<StageReasonCount> rejects = rejects(stages);
    String first = stages.get(0);
    String last = stages.get(stages.size() - 1);
    return new DataStats(
        get(FunnelCounters.inDocs(first)),
        get(FunnelCounters.keptDocs(last)),
        rejects.stream().mapToLong(StageReasonCount::documents).sum(),
        get(FunnelCounters.keptBytes(last)),
        rejects,
        seconds,
        stages,
        edits(stages, false),
        edits(stages, true),
        LanguageCount.fromCounters(counters));
  }
}
