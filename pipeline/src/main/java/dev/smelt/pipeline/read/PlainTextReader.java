package dev.smelt.pipeline.read;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/** Plain text and Markdown: the whole file is one document, its id the file's relative path. */
public final class PlainTextReader implements FormatReader {
  private final int maxFileBytes;

  public PlainTextReader(int maxFileBytes) {
    this.maxFileBytes = maxFileBytes;
  }

  @Override
  public List<String> extensions() {
    return List.of(".txt", ".md");
  }

  @Override
  public void read(CorpusFile file, InputStream content, Consumer<DocDecision> out)
      throws IOException {
    byte[] bytes = content.readNBytes(maxFileBytes);
    String id = file.relativePath();
    Doc raw = new Doc(id, id, Utf8.decodeLenient(bytes, bytes.length));
    if (content.read() >= 0) {
      out.accept(
          DocDecision.reject(raw, RejectReason.TOO_LONG, "file longer than " + maxFileBytes + " bytes"));
      return;
    }
    try {
      out.accept(DocDecision.keep(new Doc(id, id, Utf8.decodeStrict(bytes, bytes.length))));
    } catch (Utf8.InvalidUtf8 e) {
      out.accept(DocDecision.reject(raw, RejectReason.INVALID_UTF8, e.getMessage()));
    }
  }
}
