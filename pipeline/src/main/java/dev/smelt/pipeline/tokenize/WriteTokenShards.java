package dev.smelt.pipeline.tokenize;

import dev.smelt.pipeline.doc.DocSchemas;
import dev.smelt.pipeline.parts.ShardedParquetWrite;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/** The part-file write of TOKEN_DOC rows into data/shards or data/val. */
public final class WriteTokenShards {
  /**
   * parquet-avro writes arrays as the legacy 2-level list unless told otherwise; the standard 3-level
   * LIST is what DuckDB and pyarrow read as list&lt;int32&gt;.
   */
  static final Map<String, String> PARQUET_CONF = Map.of("parquet.avro.write-old-list-structure", "false");

  private WriteTokenShards() {}

  /** Writes TOKEN_DOC rows as {@code dir/part-NNNNN-of-NNNNN.parquet}. */
  public static ShardedParquetWrite<GenericRecord> to(Path dir) {
    return ShardedParquetWrite.<GenericRecord>of(DocSchemas.TOKEN_DOC, row -> row)
        .withParquetConf(PARQUET_CONF)
        .to(dir);
  }
}
