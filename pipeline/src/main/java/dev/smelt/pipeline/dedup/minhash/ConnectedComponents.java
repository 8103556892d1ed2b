package dev.smelt.pipeline.dedup.minhash;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Connected components of an undirected graph given as edges, by smallest-label propagation: each
 * node starts with the smallest of itself and its neighbours, and every round takes the smallest
 * label among its own and its neighbours' offers. Beam has no loops, so {@code rounds} rounds are
 * unrolled in the graph (one shuffle each: a node's message to itself carries its neighbour list)
 * and one more round checks that no label changed; if one did, the run fails and says which key
 * to raise. No worker holds more than one node's neighbours. Output: (node, smallest node of its
 * component) for every node on an edge.
 */
public final class ConnectedComponents
    extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {
  private static final KvCoder<String, String> PAIRS =
      KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
  private static final KvCoder<String, Message> MESSAGES =
      KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Message.class));
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

  /**
   * A label offered to a node; the node's message to itself also carries its neighbours.
   *
   * @param neighbours null for an offer from a neighbour
   */
  record Message(String label, List<String> neighbours) implements Serializable {}

  @Override
  public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> edges) {
    PCollection<KV<String, Message>> messages = edges
        .apply("Both directions", ParDo.of(new BothDirectionsFn())).setCoder(PAIRS)
        .apply("Group neighbours", GroupByKey.create())
        .apply("Round 1", ParDo.of(new FirstRoundFn())).setCoder(MESSAGES);
    for (int round = 2; round <= rounds; round++) {
      messages = messages.apply("Round " + round + ": gather offers", GroupByKey.create())
          .apply("Round " + round + ": take smallest", ParDo.of(new RoundFn())).setCoder(MESSAGES);
    }
    return messages.apply("Convergence check: gather offers", GroupByKey.create())
        .apply("Fail unless converged", ParDo.of(new ConvergedFn(rounds))).setCoder(PAIRS);
  }

  private static final class BothDirectionsFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> edge, OutputReceiver<KV<String, String>> out) {
      out.output(edge);
      out.output(KV.of(edge.getValue(), edge.getKey()));
    }
  }

  /** The node's new label to itself (with its neighbours) and to each neighbour. */
  private static void send(String node, String label, List<String> neighbours,
      DoFn.OutputReceiver<KV<String, Message>> out) {
    out.output(KV.of(node, new Message(label, neighbours)));
    for (String n : neighbours) {
      out.output(KV.of(n, new Message(label, null)));
    }
  }

  private static final class FirstRoundFn extends DoFn<KV<String, Iterable<String>>, KV<String, Message>> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> node,
        OutputReceiver<KV<String, Message>> out) {
      String smallest = node.getKey();
      List<String> neighbours = new ArrayList<>();
      for (String n : node.getValue()) {
        neighbours.add(n);
        smallest = n.compareTo(smallest) < 0 ? n : smallest;
      }
      send(node.getKey(), smallest, neighbours, out);
    }
  }

  /** The node's own message and the smallest label offered to it, in any delivery order. */
  private record Gathered(Message self, String smallest) {
    static Gathered of(Iterable<Message> messages) {
      Message self = null;
      String smallest = null;
      for (Message m : messages) {
        self = m.neighbours() != null ? m : self;
        smallest = smallest == null || m.label().compareTo(smallest) < 0 ? m.label() : smallest;
      }
      return new Gathered(self, smallest);
    }
  }

  private static final class RoundFn extends DoFn<KV<String, Iterable<Message>>, KV<String, Message>> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<Message>> node,
        OutputReceiver<KV<String, Message>> out) {
      Gathered g = Gathered.of(node.getValue());
      send(node.getKey(), g.smallest(), g.self().neighbours(), out);
    }
  }

  private static final class ConvergedFn extends DoFn<KV<String, Iterable<Message>>, KV<String, String>> {
    private final int rounds;

    ConvergedFn(int rounds) {
      this.rounds = rounds;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Message>> node,
        OutputReceiver<KV<String, String>> out) {
      Gathered g = Gathered.of(node.getValue());
      if (!g.smallest().equals(g.self().label())) {
        throw new IllegalStateException("near-duplicate components did not converge in " + rounds
            + " rounds (node '" + node.getKey() + "' still changed its label);"
            + " raise data.filterSettings.fuzzyDedup.maxRounds");
      }
      out.output(KV.of(node.getKey(), g.smallest()));
    }
  }
}
