package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.DecisionCoders;
import dev.smelt.pipeline.dedup.TextHash;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.parts.DecideSameKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Makes the kept records' doc_ids unique by rejecting, never merging: of the kept records that
 * share a doc_id, the one whose text has the smallest SHA-256 (then source, then text) stays, and
 * every other one is rejected DUPLICATE_ID, so the result does not depend on the runner's order.
 * Rejects pass through untouched (a file-level reject may share an id with nothing it harms).
 */
final class UniqueDocIds extends PTransform<PCollection<DocDecision>, PCollection<DocDecision>> {
  private static final TupleTag<KV<String, DocDecision>> KEPT = new TupleTag<>() {};
  private static final TupleTag<DocDecision> REJECTED = new TupleTag<>() {};

  UniqueDocIds() {
    super("Unique doc ids");
  }

  @Override
  public PCollection<DocDecision> expand(PCollection<DocDecision> decisions) {
    PCollectionTuple split = decisions.apply("Key kept by id", ParDo.of(new KeyKeptFn())
        .withOutputTags(KEPT, TupleTagList.of(REJECTED)));
    PCollection<DocDecision> decided = split.get(KEPT)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DecisionCoders.docDecision()))
        .apply("Pick one per id",
            DecideSameKey.with(DecisionCoders.docDecision(), UniqueDocIds::decide))
        .setCoder(DecisionCoders.docDecision());
    return PCollectionList.of(decided)
        .and(split.get(REJECTED).setCoder(DecisionCoders.docDecision()))
        .apply("Gather", Flatten.pCollections());
  }

  /** Decides one group of kept records with the same doc_id. */
  static void decide(Iterable<DocDecision> sameId, Consumer<DocDecision> out) {
    List<DocDecision> group = new ArrayList<>();
    sameId.forEach(group::add);
    if (group.size() == 1) {
      out.accept(group.get(0));
      return;
    }
    List<Ranked> ranked = new ArrayList<>();
    group.forEach(d -> ranked.add(new Ranked(TextHash.sha256(ReadRewrites.keptText(d)), d)));
    ranked.sort(Ranked.ORDER);
    DocDecision survivor = ranked.get(0).decision();
    out.accept(survivor);
    for (Ranked other : ranked.subList(1, ranked.size())) {
      out.accept(DocDecision.reject(other.decision().doc(), RejectReason.DUPLICATE_ID,
          group.size() + " kept records have doc_id '" + survivor.doc().docId() + "'; kept the one from "
              + survivor.doc().source() + " whose text has the smallest SHA-256 (" + ranked.get(0).hash()
              .substring(0, 12) + "), rejected this one (" + other.hash().substring(0, 12) + ")"));
    }
  }

  private record Ranked(String hash, DocDecision decision) {
    static final Comparator<Ranked> ORDER = Comparator.comparing(Ranked::hash)
        .thenComparing(r -> r.decision().doc().source())
        .thenComparing(r -> ReadRewrites.keptText(r.decision()));
  }

  private static final class KeyKeptFn extends DoFn<DocDecision, KV<String, DocDecision>> {
    @ProcessElement
    public void process(@Element DocDecision decision, MultiOutputReceiver out) {
      if (decision.decision() instanceof Decision.Reject) {
        out.get(REJECTED).output(decision);
      } else {
        out.get(KEPT).output(KV.of(decision.doc().docId(), decision));
      }
    }
  }
}
