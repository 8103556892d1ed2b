package dev.smelt.pipeline.data;

import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Writes elements as {@code part-SSSSS-of-NNNNN.parquet} files with a fixed number of shards (a
 * fixed count keeps file names stable between runs, and empty shards are still valid files).
 */
final class WriteParquet<T> extends PTransform<PCollection<T>, WriteFilesResult<Void>> {
  private final Schema schema;
  private final SerializableFunction<T, GenericRecord> toRow;
  private final Path dir;
  private final int shards;

  WriteParquet(Schema schema, SerializableFunction<T, GenericRecord> toRow, Path dir, int shards) {
    this.schema = schema;
    this.toRow = toRow;
    this.dir = dir;
    this.shards = shards;
  }

  @Override
  public WriteFilesResult<Void> expand(PCollection<T> elements) {
    return elements
        .apply("To rows", MapElements.into(TypeDescriptor.of(GenericRecord.class)).via(toRow))
        .setCoder(AvroCoder.of(GenericRecord.class, schema))
        .apply(
            "Write files",
            FileIO.<GenericRecord>write()
                .via(ParquetIO.sink(schema))
                .to(dir.toAbsolutePath().toString())
                .withPrefix("part")
                .withSuffix(".parquet")
                .withNumShards(shards));
  }
}
