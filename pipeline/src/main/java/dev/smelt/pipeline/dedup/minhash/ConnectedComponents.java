package dev.smelt.pipeline.dedup.minhash;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Min;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Connected components of an undirected graph given as edges, by smallest-label propagation: each
 * node starts with the smallest of itself and its neighbours, and every round takes the smallest
 * label among itself and its neighbours. Beam has no loops, so {@code rounds} rounds are unrolled
 * in the graph and one more round checks that no label changed; if one did, the run fails and
 * says which key to raise. Every step is a keyed shuffle: no worker holds more than one node's
 * neighbours. Output: (node, smallest node of its component) for every node on an edge.
 */
public final class ConnectedComponents
    extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {
  private static final KvCoder<String, String> PAIRS =
      KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
  private final int rounds;

  private ConnectedComponents(int rounds) {
    super("Connected components");
    if (rounds < 1) {
      throw new IllegalArgumentException("need at least one round, not " + rounds);
    }
    this.rounds = rounds;
  }

  /** Components that need at most {@code rounds} propagation rounds (about their diameter). */
  public static ConnectedComponents withMaxRounds(int rounds) {
    return new ConnectedComponents(rounds);
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> edges) {
    PCollection<KV<String, Iterable<String>>> neighbours = edges
        .apply("Both directions", ParDo.of(new BothDirectionsFn())).setCoder(PAIRS)
        .apply("Group neighbours", GroupByKey.create());
    PCollection<KV<String, String>> labels = neighbours
        .apply("Initial labels", ParDo.of(new SmallestNeighbourFn())).setCoder(PAIRS);
    for (int round = 2; round <= rounds; round++) {
      labels = propagate("Round " + round, neighbours, labels);
    }
    PCollection<KV<String, String>> check = propagate("Convergence round", neighbours, labels);
    return KeyedPCollectionTuple.of(BEFORE, labels).and(AFTER, check)
        .apply("Join last two rounds", CoGroupByKey.create())
        .apply("Fail unless converged", ParDo.of(new ConvergedFn(rounds))).setCoder(PAIRS);
  }

  private static PCollection<KV<String, String>> propagate(String name,
      PCollection<KV<String, Iterable<String>>> neighbours, PCollection<KV<String, String>> labels) {
    return KeyedPCollectionTuple.of(NEIGHBOURS, neighbours).and(LABEL, labels)
        .apply(name + ": join labels", CoGroupByKey.create())
        .apply(name + ": offer label", ParDo.of(new OfferLabelFn())).setCoder(PAIRS)
        .apply(name + ": smallest offer", Min.perKey());
  }

  private static final TupleTag<Iterable<String>> NEIGHBOURS = new TupleTag<>("neighbours") {};
  private static final TupleTag<String> LABEL = new TupleTag<>("label") {};
  private static final TupleTag<String> BEFORE = new TupleTag<>("before") {};
  private static final TupleTag<String> AFTER = new TupleTag<>("after") {};

  private static final class BothDirectionsFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> edge, OutputReceiver<KV<String, String>> out) {
      out.output(edge);
      out.output(KV.of(edge.getValue(), edge.getKey()));
    }
  }

  private static final class SmallestNeighbourFn
      extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> node,
        OutputReceiver<KV<String, String>> out) {
      String smallest = node.getKey();
      for (String n : node.getValue()) {
        smallest = n.compareTo(smallest) < 0 ? n : smallest;
      }
      out.output(KV.of(node.getKey(), smallest));
    }
  }

  /** A node keeps its label and offers it to each neighbour; each node then takes the smallest. */
  private static final class OfferLabelFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> node, OutputReceiver<KV<String, String>> out) {
      String label = node.getValue().getOnly(LABEL);
      out.output(KV.of(node.getKey(), label));
      for (Iterable<String> all : node.getValue().getAll(NEIGHBOURS)) {
        for (String n : all) {
          out.output(KV.of(n, label));
        }
      }
    }
  }

  private static final class ConvergedFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    private final int rounds;

    ConvergedFn(int rounds) {
      this.rounds = rounds;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> node, OutputReceiver<KV<String, String>> out) {
      String before = node.getValue().getOnly(BEFORE);
      String after = node.getValue().getOnly(AFTER);
      if (!before.equals(after)) {
        throw new IllegalStateException("near-duplicate components did not converge in " + rounds
            + " rounds (node '" + node.getKey() + "' still changed its label);"
            + " raise data.filterSettings.fuzzyDedup.maxRounds");
      }
      out.output(KV.of(node.getKey(), after));
    }
  }
}
