package dev.smelt.pipeline.dedup.minhash;

import dev.smelt.pipeline.doc.DocCoder;
import dev.smelt.pipeline.filter.DecisionCoders;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.filter.RouteDecisions;
import dev.smelt.pipeline.filter.StageOutput;
import dev.smelt.settings.filter.FuzzyDedupSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Near-duplicate removal (stage {@value #STAGE}): MinHash signatures, LSH band buckets, star edges
 * from each bucket's smallest document to the others, an optional exact Jaccard check, connected
 * components by label propagation, and in each component the document with the smallest content
 * hash survives; the others are rejected NEAR_DUPLICATE naming it. Every step is keyed, and every
 * choice is a minimum over a total order, so the result is the same for any runner, parallelism or
 * delivery order.
 */
public final class FuzzyDedup extends PTransform<PCollection<Doc>, StageOutput> {
  public static final String STAGE = "fuzzy_dedup";

  private static final KvCoder<String, String> PAIRS =
      KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
  private static final TupleTag<Doc> DOC = new TupleTag<>("doc") {};
  private static final TupleTag<String> COMPONENT = new TupleTag<>("component") {};
  private static final TupleTag<DocDecision> DECISIONS = new TupleTag<>("decisions") {};
  private static final TupleTag<KV<String, KV<String, NearDuplicateCluster.Member>>> MEMBERS =
      new TupleTag<>("members") {};

  private final FuzzyDedupSettings settings;
  private final String reportFile;

  private FuzzyDedup(FuzzyDedupSettings settings, String reportFile) {
    super("Fuzzy dedup");
    this.settings = settings;
    this.reportFile = reportFile;
  }

  public static FuzzyDedup of(FuzzyDedupSettings settings) {
    return new FuzzyDedup(settings, null);
  }

  /** This stage, also writing {@link NearDuplicateReport#FILE} into {@code dataDir}. */
  public FuzzyDedup withReportIn(java.nio.file.Path dataDir) {
    return new FuzzyDedup(settings,
        dataDir.toAbsolutePath().resolve(NearDuplicateReport.FILE).toString());
  }

  @Override
  public StageOutput expand(PCollection<Doc> docs) {
    PCollection<KV<String, String>> edges = docs
        .apply("Band buckets", ParDo.of(new BandBucketsFn(settings)))
        .setCoder(KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of()))
        .apply("Group buckets", GroupByKey.create())
        .apply("Star edges", ParDo.of(new StarEdgesFn())).setCoder(PAIRS)
        .apply("Distinct edges", Distinct.create());
    if (settings.minJaccard() > 0) {
      edges = edges.apply(new VerifyJaccard(docs, settings));
    }
    PCollection<KV<String, String>> components =
        edges.apply(ConnectedComponents.withMaxRounds(settings.maxRounds()));
    PCollection<KV<String, Doc>> byKey = docs
        .apply("Key by node", WithKeys.of(NodeKey::of).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DocCoder.of()));
    PCollectionTuple decided = KeyedPCollectionTuple.of(DOC, byKey).and(COMPONENT, components)
        .apply("Join components", CoGroupByKey.create())
        .apply("Pick survivors", ParDo.of(new DecideFn())
            .withOutputTags(DECISIONS, TupleTagList.of(MEMBERS)));
    PCollection<KV<String, KV<String, NearDuplicateCluster.Member>>> members = decided.get(MEMBERS)
        .setCoder(KvCoder.of(StringUtf8Coder.of(),
            KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(NearDuplicateCluster.Member.class))));
    if (reportFile != null) {
      members.apply(new NearDuplicateClusters(settings, reportFile));
    }
    return decided.get(DECISIONS).setCoder(DecisionCoders.docDecision())
        .apply(RouteDecisions.forStage(STAGE));
  }

  /** (bucket key, node key) for each band of the document's signature. */
  private static final class BandBucketsFn extends DoFn<Doc, KV<Long, String>> {
    private final FuzzyDedupSettings s;
    private transient MinHasher minHasher;

    BandBucketsFn(FuzzyDedupSettings s) {
      this.s = s;
    }

    @Setup
    public void setup() {
      minHasher = MinHasher.of(s);
    }

    @ProcessElement
    public void process(@Element Doc doc, OutputReceiver<KV<Long, String>> out) {
      long[] keys = LshBands.of(s).bucketKeys(
          minHasher.signature(ShingleHashes.of(s.shingle(), doc.text(), s.shingleSize(), s.seed())));
      String node = keys.length == 0 ? null : NodeKey.of(doc);
      for (long key : keys) {
        out.output(KV.of(key, node));
      }
    }
  }

  /** A bucket of n documents becomes n − 1 edges from its smallest node, not n² pairs. */
  private static final class StarEdgesFn extends DoFn<KV<Long, Iterable<String>>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<Long, Iterable<String>> bucket,
        OutputReceiver<KV<String, String>> out) {
      // read once: a runner may stream the group (Flink's default under BeamOptions)
      List<String> nodes = new ArrayList<>();
      String smallest = null;
      for (String node : bucket.getValue()) {
        nodes.add(node);
        smallest = smallest == null || node.compareTo(smallest) < 0 ? node : smallest;
      }
      for (String node : nodes) {
        if (!node.equals(smallest)) {
          out.output(KV.of(smallest, node));
        }
      }
    }
  }

  /** Keeps a document outside any component or at its smallest node; rejects the rest. */
  private static final class DecideFn extends DoFn<KV<String, CoGbkResult>, DocDecision> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> node, MultiOutputReceiver out) {
      String component = node.getValue().getOnly(COMPONENT, null);
      for (Doc doc : node.getValue().getAll(DOC)) {
        if (component == null) {
          out.get(DECISIONS).output(DocDecision.keep(doc));
          continue;
        }
        out.get(MEMBERS).output(KV.of(component, KV.of(node.getKey(), NearDuplicateCluster.Member.of(doc))));
        out.get(DECISIONS).output(component.equals(node.getKey())
            ? DocDecision.keep(doc)
            : DocDecision.reject(doc, RejectReason.NEAR_DUPLICATE,
                "near-duplicate of " + NodeKey.docId(component)));
      }
    }
  }
}
