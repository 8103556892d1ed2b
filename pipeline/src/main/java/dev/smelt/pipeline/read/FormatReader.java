package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.DocDecision;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the (already decompressed, non-empty) content of one file into documents and read
 * rejects. Content problems become rejects; only I/O failures are thrown, and
 * {@link CorpusFileReader} turns those into rejects too. Add a format by adding an implementation
 * and naming it in {@link FormatReaders}.
 */
public interface FormatReader {
  /** The name a run configuration selects this reader by, e.g. "jsonl". */
  String name();

  /** The file name endings this reader handles, lower case, e.g. ".jsonl" (".gz" is implied). */
  List<String> extensions();

  /** Whether this reader handles a file with this name (lower case, any ".gz" suffix removed). */
  default boolean accepts(String fileName) {
    return extensions().stream().anyMatch(fileName::endsWith);
  }

  /**
   * Whether a file that no reader claims by its name is in this format, judged by its first
   * (at most 8 KiB of decompressed) bytes; e.g. a mail file named only by a number.
   */
  default boolean recognizes(byte[] head) {
    return false;
  }

  /**
   * Whether content with NUL bytes is rejected as binary before this reader sees it. Containers
   * whose records may be binary (WARC) answer false and sort their records themselves.
   */
  default boolean textOnly() {
    return true;
  }

  void read(CorpusFile file, InputStream content, Consumer<DocDecision> out) throws IOException;
}
