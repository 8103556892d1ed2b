package dev.smelt.pipeline.read;

import java.io.Serializable;
import java.util.List;

/**
 * Which readers a run uses and how they read.
 *
 * @param formats reader names ({@link FormatReaders#NAMES}), in the order they are tried
 * @param maxDocBytes largest document (JSONL line, mail message, WARC payload) read, in bytes
 * @param parquetColumns the Parquet columns holding text, id and source
 * @param followSymlinks whether a symbolic link under an input folder is followed when its target
 *     lies inside that input ({@code data.followSymlinks}); links out of the input never are
 */
public record ReaderOptions(
    List<String> formats, int maxDocBytes, ParquetColumns parquetColumns, boolean followSymlinks)
    implements Serializable {
  /** Largest document read by default; larger ones are rejected TOO_LONG. */
  public static final int DEFAULT_MAX_DOC_BYTES = 64 * 1024 * 1024;

  /**
   * @throws IllegalArgumentException for an unknown or repeated reader name, or a bad limit
   */
  public ReaderOptions {
    formats = List.copyOf(formats);
    FormatReaders.checkNames(formats);
    if (maxDocBytes <= 0) {
      throw new IllegalArgumentException("the largest document size must be positive, not " + maxDocBytes);
    }
    parquetColumns = parquetColumns == null ? ParquetColumns.DEFAULT : parquetColumns;
  }

  /** Every reader, default limits and columns. */
  public static ReaderOptions defaults() {
    return new ReaderOptions(FormatReaders.NAMES, DEFAULT_MAX_DOC_BYTES, ParquetColumns.DEFAULT, false);
  }

  public ReaderOptions withFormats(List<String> names) {
    return new ReaderOptions(names, maxDocBytes, parquetColumns, followSymlinks);
  }

  public ReaderOptions withMaxDocBytes(int bytes) {
    return new ReaderOptions(formats, bytes, parquetColumns, followSymlinks);
  }

  public ReaderOptions withParquetColumns(ParquetColumns columns) {
    return new ReaderOptions(formats, maxDocBytes, columns, followSymlinks);
  }

  public ReaderOptions withFollowSymlinks(boolean follow) {
    return new ReaderOptions(formats, maxDocBytes, parquetColumns, follow);
  }
}
