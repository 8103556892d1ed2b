package dev.smelt.pipeline.dedup.minhash;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.settings.filter.FuzzyDedupSettings;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Keeps the candidate edges whose two documents' shingle sets have an exact Jaccard similarity of
 * at least {@code minJaccard}: LSH candidates below the threshold are false positives. Two keyed
 * joins bring each end's shingle set to the edge; no step sees more than one node's edges.
 */
final class VerifyJaccard
    extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {
  private static final TupleTag<long[]> SET = new TupleTag<>("set") {};
  private static final TupleTag<String> OTHER = new TupleTag<>("other") {};
  private static final TupleTag<KV<String, long[]>> FROM = new TupleTag<>("from") {};

  private final PCollection<Doc> docs;
  private final FuzzyDedupSettings settings;

  VerifyJaccard(PCollection<Doc> docs, FuzzyDedupSettings settings) {
    super("Verify Jaccard");
    this.docs = docs;
    this.settings = settings;
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> edges) {
    PCollection<KV<String, long[]>> sets = docs
        .apply("Shingle sets", ParDo.of(new ShingleSetFn(settings)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(long[].class)));
    PCollection<KV<String, KV<String, long[]>>> halfway = KeyedPCollectionTuple.of(SET, sets)
        .and(OTHER, edges)
        .apply("Join first end", CoGroupByKey.create())
        .apply("Carry first set", ParDo.of(new CarryFirstSetFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(),
            KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(long[].class))));
    return KeyedPCollectionTuple.of(SET, sets).and(FROM, halfway)
        .apply("Join second end", CoGroupByKey.create())
        .apply("Keep similar pairs", ParDo.of(new KeepSimilarFn(settings.minJaccard())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  /** At the first end of each edge: send that end's set on to the second end. */
  private static final class CarryFirstSetFn
      extends DoFn<KV<String, CoGbkResult>, KV<String, KV<String, long[]>>> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> node,
        OutputReceiver<KV<String, KV<String, long[]>>> out) {
      long[] set = node.getValue().getOnly(SET, null);
      for (String other : node.getValue().getAll(OTHER)) {
        if (set == null) {
          throw new IllegalStateException("edge from an unknown document " + node.getKey());
        }
        out.output(KV.of(other, KV.of(node.getKey(), set)));
      }
    }
  }

  private static final class KeepSimilarFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    private final double minJaccard;

    KeepSimilarFn(double minJaccard) {
      this.minJaccard = minJaccard;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> node, OutputReceiver<KV<String, String>> out) {
      long[] set = node.getValue().getOnly(SET, null);
      for (KV<String, long[]> from : node.getValue().getAll(FROM)) {
        if (ShingleSets.jaccard(from.getValue(), set) >= minJaccard) {
          out.output(KV.of(from.getKey(), node.getKey()));
        }
      }
    }
  }

  private static final class ShingleSetFn extends DoFn<Doc, KV<String, long[]>> {
    private final FuzzyDedupSettings s;

    ShingleSetFn(FuzzyDedupSettings s) {
      this.s = s;
    }

    @ProcessElement
    public void process(@Element Doc doc, OutputReceiver<KV<String, long[]>> out) {
      out.output(KV.of(NodeKey.of(doc), ShingleSets.of(ShingleHashes.of(s.shingle(), doc.text(), s.shingleSize(), s.seed()))));
    }
  }
}
