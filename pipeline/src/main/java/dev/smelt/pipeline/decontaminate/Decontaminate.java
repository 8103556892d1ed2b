package dev.smelt.pipeline.decontaminate;

import dev.smelt.pipeline.filter.DecisionCoders;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RouteDecisions;
import dev.smelt.pipeline.filter.StageOutput;
import dev.smelt.pipeline.tokenize.SplitByHash;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The decontaminate stage ({@value DecontaminateFilter#STAGE}): {@link DecontaminateFilter}
 * against the run's evaluation sets and, for a document that will train, also against the
 * held-out documents (those {@link SplitByHash} puts in data/val, by the same hash of doc_id the
 * token shards use) and so against the cloze items cut from them. The held-out n-grams are gathered
 * from this same collection first ({@link HeldOutNgrams}: memory grows with the held-out share, a
 * Bloom filter past {@link NgramSet#EXACT_LIMIT}), so a train document sharing one is a counted
 * CONTAMINATED reject, and read = kept + rejected still holds. A held-out document is never
 * checked against its own set.
 */
public final class Decontaminate extends PTransform<PCollection<Doc>, StageOutput> {
  /** The held-out documents, as stats, rejects and the evaluation's overlap check name them. */
  public static final String HELD_OUT = "heldout_docs";

  private final DecontaminateFilter filter;
  private final SplitByHash heldOut;

  private Decontaminate(DecontaminateFilter filter, SplitByHash heldOut) {
    super("Decontaminate");
    this.filter = filter;
    this.heldOut = heldOut;
  }

  /** Against the evaluation sets in {@code filter} only: nothing is held out. */
  public static Decontaminate of(DecontaminateFilter filter) {
    return new Decontaminate(filter, new SplitByHash(0));
  }

  /** Also against the documents {@code heldOut} assigns to the validation split. */
  public Decontaminate withHeldOut(SplitByHash split) {
    return new Decontaminate(filter, split);
  }

  @Override
  public StageOutput expand(PCollection<Doc> docs) {
    int n = filter.settings().ngram();
    PCollectionView<NgramSet> heldOutNgrams = docs
        .apply("Held-out n-grams", ParDo.of(new HeldOutNgrams.HashFn(heldOut, n)))
        .setCoder(SerializableCoder.of(long[].class))
        .apply("Gather held-out n-grams",
            Combine.globally(new HeldOutNgrams(filter.settings().falsePositiveRate())).asSingletonView());
    return docs
        .apply("Decide", ParDo.of(new DecideFn(filter, heldOut, heldOutNgrams)).withSideInputs(heldOutNgrams))
        .setCoder(DecisionCoders.docDecision())
        .apply(RouteDecisions.forStage(DecontaminateFilter.STAGE));
  }

  private static final class DecideFn extends DoFn<Doc, DocDecision> {
    private final DecontaminateFilter filter;
    private final SplitByHash heldOut;
    private final PCollectionView<NgramSet> heldOutNgrams;

    DecideFn(DecontaminateFilter filter, SplitByHash heldOut, PCollectionView<NgramSet> heldOutNgrams) {
      this.filter = filter;
      this.heldOut = heldOut;
      this.heldOutNgrams = heldOutNgrams;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Doc doc = c.element();
      c.output(new DocDecision(doc, heldOut.isValidation(doc.docId())
          ? filter.decide(doc)
          : filter.decideAlsoAgainst(doc, HELD_OUT, c.sideInput(heldOutNgrams))));
    }
  }
}
