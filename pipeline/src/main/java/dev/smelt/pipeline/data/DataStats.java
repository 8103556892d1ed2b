package dev.smelt.pipeline.data;

import dev.smelt.pipeline.filter.RejectReason;
import java.util.List;

/**
 * The data stage's funnel; written to stats.json. {@code read == kept + rejected} always holds.
 *
 * @param read documents and read rejects produced by reading
 * @param kept documents that passed every stage
 * @param rejected documents dropped by any stage
 * @param keptBytes UTF-8 bytes of the kept documents' cleaned text
 * @param rejects per stage (in pipeline order) and reason
 * @param seconds wall time of the run
 */
public record DataStats(
    long read, long kept, long rejected, long keptBytes, List<StageReasonCount> rejects,
    double seconds) {

  public DataStats {
    rejects = List.copyOf(rejects);
  }

  /** Documents one stage rejected for one reason; 0 if none. */
  public long rejectedFor(String stage, RejectReason reason) {
    return rejects.stream()
        .filter(r -> r.stage().equals(stage) && r.reason() == reason)
        .mapToLong(StageReasonCount::documents)
        .sum();
  }
}
