package dev.smelt.pipeline.read;

import dev.smelt.pipeline.clean.MojibakeRepair;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * What reading changed in a kept record — a guessed charset, bytes it could not map, repaired
 * mojibake — recorded as a {@link Decision.Rewrite} with counts per reason, so the read stage's
 * "modified" counts in stats.json show every such change. A reject passes unchanged.
 */
final class ReadRewrites {
  private ReadRewrites() {}

  /** Keeps {@code doc}, noting the edits reading made to get its text (none: a plain keep). */
  static DocDecision kept(Doc doc, Map<RejectReason, Integer> edits) {
    return new DocDecision(doc, Decision.rewrite(doc.text(), edits));
  }

  /** The same decision with {@code edits} added to those it already notes. */
  static DocDecision withEdits(DocDecision decided, Map<RejectReason, Integer> edits) {
    if (decided.decision() instanceof Decision.Keep) {
      return kept(decided.doc(), edits);
    }
    if (decided.decision() instanceof Decision.Rewrite rewrite) {
      return new DocDecision(decided.doc(), Decision.rewrite(rewrite.text(), merged(rewrite.edits(), edits)));
    }
    return decided;
  }

  /** A kept record with its text replaced (e.g. HTML turned into text), edits kept. */
  static DocDecision withText(DocDecision decided, String text) {
    Doc doc = new Doc(decided.doc().docId(), decided.doc().source(), text);
    if (decided.decision() instanceof Decision.Keep) {
      return DocDecision.keep(doc);
    }
    if (decided.decision() instanceof Decision.Rewrite rewrite) {
      return new DocDecision(doc, Decision.rewrite(text, rewrite.edits()));
    }
    return decided;
  }

  /** The text a kept record goes on with; null for a reject. */
  static String keptText(DocDecision decided) {
    if (decided.decision() instanceof Decision.Keep) {
      return decided.doc().text();
    }
    return decided.decision() instanceof Decision.Rewrite rewrite ? rewrite.text() : null;
  }

  /** Undoes mojibake in a kept record's text, counting each repaired sequence. */
  static DocDecision repairMojibake(DocDecision decided, MojibakeRepair mojibake) {
    String text = keptText(decided);
    if (text == null) {
      return decided;
    }
    MojibakeRepair.Repaired repaired = mojibake.repairCounted(text);
    if (repaired.repairs() == 0) {
      return decided;
    }
    Map<RejectReason, Integer> edits = decided.decision() instanceof Decision.Rewrite rewrite
        ? rewrite.edits() : Map.of();
    return new DocDecision(decided.doc(), Decision.rewrite(repaired.text(),
        merged(edits, Map.of(RejectReason.MOJIBAKE_REPAIRED, repaired.repairs()))));
  }

  private static Map<RejectReason, Integer> merged(Map<RejectReason, Integer> a, Map<RejectReason, Integer> b) {
    Map<RejectReason, Integer> out = new EnumMap<>(RejectReason.class);
    out.putAll(a);
    b.forEach((reason, n) -> out.merge(reason, n, Integer::sum));
    return out;
  }
}
