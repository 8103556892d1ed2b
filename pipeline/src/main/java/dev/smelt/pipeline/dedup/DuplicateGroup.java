package dev.smelt.pipeline.dedup;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.util.Comparator;
import java.util.function.Consumer;

/**
 * Decides a group of documents with the same text: the one with the smallest id survives (so the
 * result does not depend on the runner's order), every other one is a DUPLICATE of it.
 */
public final class DuplicateGroup {
  private static final Comparator<Doc> SURVIVOR_FIRST =
      Comparator.comparing(Doc::docId).thenComparing(Doc::source);

  private DuplicateGroup() {}

  /** Iterates {@code group} twice (Beam's grouped values can be re-iterated) to hold no copy. */
  public static void decide(Iterable<Doc> group, Consumer<DocDecision> out) {
    Doc survivor = null;
    for (Doc doc : group) {
      if (survivor == null || SURVIVOR_FIRST.compare(doc, survivor) < 0) {
        survivor = doc;
      }
    }
    boolean survivorSeen = false;
    for (Doc doc : group) {
      if (!survivorSeen && SURVIVOR_FIRST.compare(doc, survivor) == 0) {
        survivorSeen = true;
        out.accept(DocDecision.keep(doc));
      } else {
        out.accept(
            DocDecision.reject(doc, RejectReason.DUPLICATE, "duplicate of " + survivor.docId()));
      }
    }
  }
}
