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

  /** Train shards: a fixed count, so the file names and contents are the same every run. */
  public static final int TRAIN_SHARDS = 4;
  /** The held-out split is small (data.valFraction of the documents). */
  public static final int VAL_SHARDS = 1;

  /** Writes TOKEN_DOC rows as {@code dir/part-SSSSS-of-NNNNN.parquet}, sorted by doc_id in each. */
  public static ShardedParquetWrite<GenericRecord> to(Path dir, int shards) {
    return ShardedParquetWrite.<GenericRecord>of(DocSchemas.TOKEN_DOC, row -> row, WriteTokenShards::docId)
        .withParquetConf(PARQUET_CONF)
        .withShards(shards)
        .to(dir);
  }

  private static String docId(GenericRecord row) {
    return row.get("doc_id").toString();
  }
}
