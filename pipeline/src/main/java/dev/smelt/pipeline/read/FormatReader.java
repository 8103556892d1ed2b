package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.DocDecision;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the (already decompressed, non-empty, non-binary) content of one file into documents and
 * read rejects. Content problems become rejects; only I/O failures are thrown, and
 * {@link CorpusFileReader} turns those into rejects too. Add a format by adding an implementation.
 */
public interface FormatReader {
  /** The file name endings this reader handles, lower case, e.g. ".jsonl" (".gz" is implied). */
  List<String> extensions();

  /** Whether this reader handles a file with this name (lower case, any ".gz" suffix removed). */
  default boolean accepts(String fileName) {
    return extensions().stream().anyMatch(fileName::endsWith);
  }

  void read(CorpusFile file, InputStream content, Consumer<DocDecision> out) throws IOException;
}
