package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.DocDecision;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * A format that needs the file itself, with random access, rather than a stream (Parquet keeps
 * its index at the end). Such files compress internally, so they are never read through gzip.
 */
public interface RandomAccessFormatReader extends FormatReader {
  /** Reads the (non-empty) file; the same rules as {@link #read} otherwise. */
  void readFile(CorpusFile file, Consumer<DocDecision> out) throws IOException;

  @Override
  default void read(CorpusFile file, InputStream content, Consumer<DocDecision> out) {
    throw new UnsupportedOperationException(name() + " reads whole files, not streams");
  }
}
