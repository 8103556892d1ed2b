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
 * @param textSplitBytes a text file larger than this is read as pieces of about this size
 *     ({@code data.textSplitBytes}; {@link TextPieces})
 */
public record ReaderOptions(
    List<String> formats, int maxDocBytes, ParquetColumns parquetColumns, boolean followSymlinks,
    int textSplitBytes) implements Serializable {
  /** Largest document read by default; larger ones are rejected TOO_LONG. */
  public static final int DEFAULT_MAX_DOC_BYTES = 64 * 1024 * 1024;
  /**
   * Text files are cut into pieces of about 1 MiB by default: the size issue 10 asks for, small
   * enough to stream and spread over workers, large enough that a piece is a real document.
   */
  public static final int DEFAULT_TEXT_SPLIT_BYTES = 1 << 20;
  /** Smallest split size: a cut looks back {@link TextPieces#LOOK_BACK} bytes. */
  public static final int MIN_TEXT_SPLIT_BYTES = 16;

  /**
   * @throws IllegalArgumentException for an unknown or repeated reader name, or a bad limit
   */
  public ReaderOptions {
    formats = List.copyOf(formats);
    FormatReaders.checkNames(formats);
    if (maxDocBytes <= 0) {
      throw new IllegalArgumentException("the largest document size must be positive, not " + maxDocBytes);
    }
    if (textSplitBytes < MIN_TEXT_SPLIT_BYTES || textSplitBytes > maxDocBytes) {
      throw new IllegalArgumentException("key 'data.textSplitBytes' must be from " + MIN_TEXT_SPLIT_BYTES
          + " to the largest document size (" + maxDocBytes + "), not " + textSplitBytes);
    }
    parquetColumns = parquetColumns == null ? ParquetColumns.DEFAULT : parquetColumns;
  }

  /** Every reader, default limits and columns. */
  public static ReaderOptions defaults() {
    return new ReaderOptions(FormatReaders.NAMES, DEFAULT_MAX_DOC_BYTES, ParquetColumns.DEFAULT, false,
        DEFAULT_TEXT_SPLIT_BYTES);
  }

  public ReaderOptions withFormats(List<String> names) {
    return new ReaderOptions(names, maxDocBytes, parquetColumns, followSymlinks, textSplitBytes);
  }

  /** Another largest document; the split size shrinks with it if it would exceed it. */
  public ReaderOptions withMaxDocBytes(int bytes) {
    return new ReaderOptions(formats, bytes, parquetColumns, followSymlinks,
        Math.max(MIN_TEXT_SPLIT_BYTES, Math.min(textSplitBytes, bytes)));
  }

  public ReaderOptions withParquetColumns(ParquetColumns columns) {
    return new ReaderOptions(formats, maxDocBytes, columns, followSymlinks, textSplitBytes);
  }

  public ReaderOptions withFollowSymlinks(boolean follow) {
    return new ReaderOptions(formats, maxDocBytes, parquetColumns, follow, textSplitBytes);
  }

  public ReaderOptions withTextSplitBytes(int bytes) {
    return new ReaderOptions(formats, maxDocBytes, parquetColumns, followSymlinks, bytes);
  }
}
