package dev.smelt.pipeline.parts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes elements as rows of {@code part-SSSSS-of-NNNNN.parquet} files in one folder, the one
 * Parquet write of the data and token-shard pipelines, with outputs that are byte-identical for
 * the same elements whatever the runner, its parallelism or its bundling: each row goes to the
 * shard a hash of its key picks ({@link ShardOf}), rows are sorted by key inside a shard (in
 * bounded memory, {@link SpillingSorter}), every shard is a file (empty ones too), and each file
 * is written to a temp name and renamed ({@link WriteShardFile}).
 * {@code ShardedParquetWrite.of(schema, toRow, keyOf).withShards(4).to(dir)}.
 */
public final class ShardedParquetWrite<T> extends PTransform<PCollection<T>, PDone> {
  /** The most a sort buffers before it spills (Beam's own BufferedExternalSorter takes 100 MB). */
  static final long SORT_MEMORY_CAP_BYTES = 32L << 20;

  private final Schema schema;
  private final SerializableFunction<T, GenericRecord> toRow;
  private final SerializableFunction<T, String> keyOf;
  private final int shards;
  private final Map<String, String> parquetConf;
  private final String dir;

  private ShardedParquetWrite(Schema schema, SerializableFunction<T, GenericRecord> toRow,
      SerializableFunction<T, String> keyOf, int shards, Map<String, String> parquetConf, String dir) {
    this.schema = schema;
    this.toRow = toRow;
    this.keyOf = keyOf;
    this.shards = shards;
    this.parquetConf = Map.copyOf(parquetConf);
    this.dir = dir;
  }

  /**
   * Rows of {@code schema}, made by {@code toRow}, sharded and sorted by {@code keyOf} (unique per
   * row, e.g. the doc_id; rows with equal keys are ordered by their bytes); one shard until
   * {@link #withShards}.
   */
  public static <T> ShardedParquetWrite<T> of(Schema schema, SerializableFunction<T, GenericRecord> toRow,
      SerializableFunction<T, String> keyOf) {
    return new ShardedParquetWrite<>(schema, toRow, keyOf, 1, Map.of(), null);
  }

  /** A copy writing {@code count} files (a fixed count keeps the names the same between runs). */
  public ShardedParquetWrite<T> withShards(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a part-file write needs at least 1 shard, got " + count);
    }
    return new ShardedParquetWrite<>(schema, toRow, keyOf, count, parquetConf, dir);
  }

  /** A copy with these parquet-mr settings (e.g. the list encoding). */
  public ShardedParquetWrite<T> withParquetConf(Map<String, String> conf) {
    return new ShardedParquetWrite<>(schema, toRow, keyOf, shards, conf, dir);
  }

  /** A copy writing into {@code folder}. */
  public ShardedParquetWrite<T> to(Path folder) {
    return new ShardedParquetWrite<>(schema, toRow, keyOf, shards, parquetConf,
        folder.toAbsolutePath().toString());
  }

  @Override
  public PDone expand(PCollection<T> elements) {
    if (dir == null) {
      throw new IllegalStateException("ShardedParquetWrite needs a folder: call to(dir)");
    }
    KvCoder<Integer, KV<String, byte[]>> coder =
        KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()));
    PCollection<KV<Integer, KV<String, byte[]>>> rows = elements
        .apply("Key by shard", ParDo.of(new KeyByShardFn<>(toRow, keyOf, schema, shards)))
        .setCoder(coder);
    PCollection<KV<Integer, KV<String, byte[]>>> markers = elements.getPipeline()
        .apply("One marker per shard", Create.of(markers(shards)).withCoder(coder));
    PCollectionList.of(rows).and(markers)
        .apply("With every shard", Flatten.pCollections())
        .apply("Group by shard", GroupByKey.create())
        .apply("Write sorted shards",
            ParDo.of(new WriteShardFile(schema, parquetConf, dir, shards)));
    return PDone.in(elements.getPipeline());
  }

  /**
   * Sort buffer per shard or bucket being sorted, read on the worker: {@link
   * #SORT_MEMORY_CAP_BYTES}, or a sixteenth of the worker's heap where that is less, because up to
   * the parallelism's count of sorts run at once beside the Parquet buffers and the runner's own
   * (the tokenizer's shard write ran out of a 100 MB heap with 32 MB each). What a sort puts out
   * never depends on it, only how often it spills.
   */
  static long sortMemoryBytes() {
    return Math.min(SORT_MEMORY_CAP_BYTES, Runtime.getRuntime().maxMemory() / 16);
  }

  /** An empty row per shard, so a shard no element falls in is still written (an empty file). */
  private static List<KV<Integer, KV<String, byte[]>>> markers(int shards) {
    List<KV<Integer, KV<String, byte[]>>> out = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      out.add(KV.of(s, KV.of("", new byte[0])));
    }
    return out;
  }

  /** Row bytes (never empty: every schema here has a field), keyed by shard and sort key. */
  private static final class KeyByShardFn<T> extends DoFn<T, KV<Integer, KV<String, byte[]>>> {
    private final SerializableFunction<T, GenericRecord> toRow;
    private final SerializableFunction<T, String> keyOf;
    private final AvroCoder<GenericRecord> rowCoder;
    private final int shards;

    KeyByShardFn(SerializableFunction<T, GenericRecord> toRow, SerializableFunction<T, String> keyOf,
        Schema schema, int shards) {
      this.toRow = toRow;
      this.keyOf = keyOf;
      this.rowCoder = AvroCoder.of(GenericRecord.class, schema);
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<Integer, KV<String, byte[]>>> out)
        throws Exception {
      String key = keyOf.apply(element);
      byte[] row = CoderUtils.encodeToByteArray(rowCoder, toRow.apply(element));
      out.output(KV.of(ShardOf.index(key, shards), KV.of(key, row)));
    }
  }
}
