package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.DocDecision;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Turns the (already decompressed, non-empty, non-binary) content of one file into documents and
 * read rejects. Content problems become rejects; only I/O failures are thrown, and
 * {@link CorpusFileReader} turns those into rejects too. Add a format by adding an implementation.
 */
public interface FormatReader {
  /** Whether this reader handles a file with this name (lower case, any ".gz" suffix removed). */
  boolean accepts(String fileName);

  void read(CorpusFile file, InputStream content, Consumer<DocDecision> out) throws IOException;
}
