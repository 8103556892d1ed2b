package dev.smelt.pipeline.read;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plain text and Markdown: the whole file is one document, its id the file's relative path. A
 * file that is not UTF-8 is decoded with its detected charset when detection is confident (a
 * Latin-1 or Windows-1252 file becomes a document), and rejected with the reason otherwise.
 */
public final class PlainTextReader implements FormatReader {
  public static final String NAME = "text";

  private final int maxFileBytes;

  public PlainTextReader(int maxFileBytes) {
    this.maxFileBytes = maxFileBytes;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> extensions() {
    return List.of(".txt", ".md");
  }

  @Override
  public void read(CorpusFile file, InputStream content, Consumer<DocDecision> out)
      throws IOException {
    String id = file.relativePath();
    BoundedBytes bytes = BoundedBytes.read(content, maxFileBytes);
    Doc raw = new Doc(id, id, bytes.lenientText());
    if (bytes.tooLong()) {
      out.accept(bytes.tooLongReject(raw, "file"));
      return;
    }
    out.accept(bytes.decide(raw, null));
  }
}
