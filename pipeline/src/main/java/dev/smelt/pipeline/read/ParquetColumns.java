package dev.smelt.pipeline.read;

import java.io.Serializable;

/**
 * Which Parquet columns hold a document's text, id and source. The text column must exist; the
 * id and source columns are used when the file has them, else the id is {@code <file>:<row>} and
 * the source the file.
 */
public record ParquetColumns(String text, String id, String source) implements Serializable {
  public static final ParquetColumns DEFAULT = new ParquetColumns("text", "id", "source");

  public ParquetColumns {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the Parquet text column must be named, e.g. \"text\"");
    }
  }
}
