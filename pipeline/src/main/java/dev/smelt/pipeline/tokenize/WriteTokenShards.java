package dev.smelt.pipeline.tokenize;

import dev.smelt.pipeline.doc.DocSchemas;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/** Writes TOKEN_DOC rows as {@code dir/part-NNNNN-of-NNNNN.parquet}. */
public final class WriteTokenShards extends PTransform<PCollection<GenericRecord>, WriteFilesResult<Void>> {
  /**
   * parquet-avro writes arrays as the legacy 2-level list unless told otherwise; the standard 3-level
   * LIST is what DuckDB and pyarrow read as list&lt;int32&gt;.
   */
  static final Map<String, String> PARQUET_CONF = Map.of("parquet.avro.write-old-list-structure", "false");

  private final String dir;

  public WriteTokenShards(String dir) {
    this.dir = dir;
  }

  @Override
  public WriteFilesResult<Void> expand(PCollection<GenericRecord> tokenDocs) {
    return tokenDocs.apply("WriteParquet",
        FileIO.<GenericRecord>write()
            .via(ParquetIO.sink(DocSchemas.TOKEN_DOC).withConfiguration(PARQUET_CONF))
            .to(dir)
            .withPrefix("part")
            .withSuffix(".parquet"));
  }
}
