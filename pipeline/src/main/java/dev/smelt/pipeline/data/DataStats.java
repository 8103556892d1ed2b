package dev.smelt.pipeline.data;

import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.language.LanguageCount;
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
 * @param stages the counted stages in the order they ran, reading first
 * @param modified kept documents rewritten (redacted, lines removed) per stage and reason
 * @param tagged kept documents tagged per stage and reason
 * @param languages documents and bytes the language stage kept and dropped, per dominant
 *     language (empty when the chain has no language stage)
 */
public record DataStats(
    long read, long kept, long rejected, long keptBytes, List<StageReasonCount> rejects,
    double seconds, List<String> stages, List<StageEditCount> modified, List<StageEditCount> tagged,
    List<LanguageCount> languages) {

  public DataStats {
    rejects = List.copyOf(rejects);
    stages = List.copyOf(stages);
    modified = List.copyOf(modified);
    tagged = List.copyOf(tagged);
    languages = languages == null ? List.of() : List.copyOf(languages); // absent in older stats.json
  }

  /** A funnel without a languages table. */
  public DataStats(long read, long kept, long rejected, long keptBytes, List<StageReasonCount> rejects,
      double seconds, List<String> stages, List<StageEditCount> modified, List<StageEditCount> tagged) {
    this(read, kept, rejected, keptBytes, rejects, seconds, stages, modified, tagged, List.of());
  }

  /** Documents one stage rejected for one reason; 0 if none. */
  public long rejectedFor(String stage, RejectReason reason) {
    return rejects.stream()
        .filter(r -> r.stage().equals(stage) && r.reason() == reason)
        .mapToLong(StageReasonCount::documents)
        .sum();
  }
}
