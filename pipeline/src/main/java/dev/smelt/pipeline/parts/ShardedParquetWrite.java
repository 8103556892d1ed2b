package dev.smelt.pipeline.parts;

import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Writes elements as rows of {@code part-SSSSS-of-NNNNN.parquet} files in one folder, the one
 * Parquet write of the data and token-shard pipelines:
 * {@code ShardedParquetWrite.of(schema, toRow).withShards(4).to(dir)}.
 */
public final class ShardedParquetWrite<T> extends PTransform<PCollection<T>, PDone> {
  private final Schema schema;
  private final SerializableFunction<T, GenericRecord> toRow;
  private final int shards;
  private final Map<String, String> parquetConf;
  private final String dir;

  private ShardedParquetWrite(Schema schema, SerializableFunction<T, GenericRecord> toRow, int shards,
      Map<String, String> parquetConf, String dir) {
    this.schema = schema;
    this.toRow = toRow;
    this.shards = shards;
    this.parquetConf = Map.copyOf(parquetConf);
    this.dir = dir;
  }

  /** Rows of {@code schema}, made by {@code toRow}; the runner picks the shard count until {@link #withShards}. */
  public static <T> ShardedParquetWrite<T> of(Schema schema, SerializableFunction<T, GenericRecord> toRow) {
    return new ShardedParquetWrite<>(schema, toRow, 0, Map.of(), null);
  }

  /** A copy writing {@code count} files (a fixed count keeps the names the same between runs). */
  public ShardedParquetWrite<T> withShards(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a part-file write needs at least 1 shard, got " + count);
    }
    return new ShardedParquetWrite<>(schema, toRow, count, parquetConf, dir);
  }

  /** A copy with these parquet-mr settings (e.g. the list encoding). */
  public ShardedParquetWrite<T> withParquetConf(Map<String, String> conf) {
    return new ShardedParquetWrite<>(schema, toRow, shards, conf, dir);
  }

  /** A copy writing into {@code folder}. */
  public ShardedParquetWrite<T> to(Path folder) {
    return new ShardedParquetWrite<>(schema, toRow, shards, parquetConf, folder.toAbsolutePath().toString());
  }

  @Override
  public PDone expand(PCollection<T> elements) {
    if (dir == null) {
      throw new IllegalStateException("ShardedParquetWrite needs a folder: call to(dir)");
    }
    FileIO.Write<Void, GenericRecord> write = FileIO.<GenericRecord>write()
        .via(ParquetIO.sink(schema).withConfiguration(parquetConf))
        .to(dir)
        .withPrefix("part")
        .withSuffix(PartFiles.SUFFIX);
    elements
        .apply("To rows", MapElements.into(TypeDescriptor.of(GenericRecord.class)).via(toRow))
        .setCoder(AvroCoder.of(GenericRecord.class, schema))
        .apply("Write files", shards > 0 ? write.withNumShards(shards) : write);
    return PDone.in(elements.getPipeline());
  }
}
