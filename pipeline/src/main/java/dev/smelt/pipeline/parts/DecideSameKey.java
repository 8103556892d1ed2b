package dev.smelt.pipeline.parts;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Decides every group of elements that share a key, grouping through {@value #BUCKETS} hash
 * buckets rather than one group per key: the DirectRunner makes one bundle per grouped key and
 * re-translates every later ParDo per bundle (docs/throughput.md), so a bucket carries many keys
 * and is split back into key groups by a bounded sort ({@link SpillingSorter}). Within a group the
 * elements come in encoded-byte order, so a decision never depends on the runner's order.
 * {@code pairs.apply(DecideSameKey.with(valueCoder, UniqueDocIds::decide))}.
 */
public final class DecideSameKey<V, O> extends PTransform<PCollection<KV<String, V>>, PCollection<O>> {
  /**
   * Few enough that the DirectRunner makes few bundles, enough to keep 16 cores (or workers) busy.
   * Each GroupByKey downstream copies a key's bag of state (every element through its coder) once
   * per upstream bundle, so the elements grouped after this are copied about BUCKETS / 2 times
   * (docs/throughput.md: 128 cost a tenth of the data stage).
   */
  static final int BUCKETS = 32;

  /** What to emit for one group of elements with the same key (the group may be iterated twice). */
  @FunctionalInterface
  public interface GroupDecision<V, O> extends Serializable {
    void decide(Iterable<V> sameKey, Consumer<O> out);
  }

  private final Coder<V> valueCoder;
  private final GroupDecision<V, O> decision;

  private DecideSameKey(Coder<V> valueCoder, GroupDecision<V, O> decision) {
    super("Decide same key");
    this.valueCoder = valueCoder;
    this.decision = decision;
  }

  /** The caller sets the output's coder. */
  public static <V, O> DecideSameKey<V, O> with(Coder<V> valueCoder, GroupDecision<V, O> decision) {
    return new DecideSameKey<>(valueCoder, decision);
  }

  /** A bucket in [0, {@value #BUCKETS}); {@link String#hashCode} is fixed by the Java spec, so stable. */
  static int bucketOf(String key) {
    return Math.floorMod(key.hashCode(), BUCKETS);
  }

  @Override
  public PCollection<O> expand(PCollection<KV<String, V>> pairs) {
    return pairs.apply("Key by bucket", ParDo.of(new KeyByBucketFn<>(valueCoder)))
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of())))
        .apply("Group bucket", GroupByKey.create())
        .apply("Decide each key", ParDo.of(new DecideBucketFn<>(valueCoder, decision)));
  }

  /**
   * Sorts one bucket of encoded values by key (then encoded value) in at most {@code memoryBytes}
   * and hands each run of equal keys, decoded with {@code coder}, to {@code group}; only one key's
   * elements are held at a time.
   */
  static <V> void forEachEncodedKeyGroup(Iterable<KV<String, byte[]>> bucket, Coder<V> coder,
      long memoryBytes, Consumer<List<V>> group) throws IOException {
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"), "smelt-sort-" + UUID.randomUUID());
    try (SpillingSorter sorter = new SpillingSorter(memoryBytes, scratch)) {
      for (KV<String, byte[]> pair : bucket) {
        sorter.add(pair.getKey().getBytes(StandardCharsets.UTF_8), pair.getValue());
      }
      byte[] groupKey = null;
      List<V> sameKey = new ArrayList<>();
      for (Iterator<SpillingSorter.Entry> sorted = sorter.sorted(); sorted.hasNext(); ) {
        SpillingSorter.Entry entry = sorted.next();
        if (groupKey != null && !Arrays.equals(groupKey, entry.key())) {
          group.accept(sameKey);
          sameKey = new ArrayList<>();
        }
        groupKey = entry.key();
        sameKey.add(decode(coder, entry.value()));
      }
      if (!sameKey.isEmpty()) {
        group.accept(sameKey);
      }
    }
  }

  private static <V> V decode(Coder<V> coder, byte[] bytes) {
    try {
      return CoderUtils.decodeFromByteArray(coder, bytes);
    } catch (CoderException e) {
      throw new UncheckedIOException("cannot decode an element this sort encoded: " + e.getMessage(), e);
    }
  }

  /**
   * Encodes each value before the grouping: the DirectRunner copies a key's grouped state through
   * its coder once per upstream bundle, and a byte array copies at memory speed where Java
   * serialization did not (a tenth of the data stage, docs/throughput.md); the sort needs the
   * bytes anyway.
   */
  private static final class KeyByBucketFn<V> extends DoFn<KV<String, V>, KV<Integer, KV<String, byte[]>>> {
    private final Coder<V> valueCoder;

    KeyByBucketFn(Coder<V> valueCoder) {
      this.valueCoder = valueCoder;
    }

    @ProcessElement
    public void process(@Element KV<String, V> pair, OutputReceiver<KV<Integer, KV<String, byte[]>>> out)
        throws CoderException {
      out.output(KV.of(bucketOf(pair.getKey()),
          KV.of(pair.getKey(), CoderUtils.encodeToByteArray(valueCoder, pair.getValue()))));
    }
  }

  private static final class DecideBucketFn<V, O> extends DoFn<KV<Integer, Iterable<KV<String, byte[]>>>, O> {
    private final Coder<V> valueCoder;
    private final GroupDecision<V, O> decision;

    DecideBucketFn(Coder<V> valueCoder, GroupDecision<V, O> decision) {
      this.valueCoder = valueCoder;
      this.decision = decision;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, byte[]>>> bucket, OutputReceiver<O> out)
        throws IOException {
      forEachEncodedKeyGroup(bucket.getValue(), valueCoder, ShardedParquetWrite.sortMemoryBytes(),
          sameKey -> decision.decide(sameKey, out::output));
    }
  }
}
