package dev.smelt.pipeline.read;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML page is one document: its readable text, without boilerplate ({@link HtmlToText}).
 * The charset is the one a {@code <meta>} tag declares, else UTF-8, else a detected one.
 */
public final class HtmlReader implements FormatReader {
  public static final String NAME = "html";

  private static final int META_SCAN_BYTES = 4096;
  private static final Pattern META_CHARSET =
      Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?\\s*([a-z0-9._:-]+)");

  private final int maxFileBytes;
  private final HtmlToText html = new HtmlToText();

  public HtmlReader(int maxFileBytes) {
    this.maxFileBytes = maxFileBytes;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> extensions() {
    return List.of(".html", ".htm", ".xhtml");
  }

  @Override
  public boolean recognizes(byte[] head) {
    String start = new String(head, 0, Math.min(head.length, 512), StandardCharsets.ISO_8859_1)
        .stripLeading().toLowerCase(Locale.ROOT);
    return start.startsWith("<!doctype html") || start.startsWith("<html");
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
    out.accept(toText(bytes.decide(raw, metaCharset(bytes.bytes()))));
  }

  /** A decoded page kept as its text (decoding's rewrites noted still); a reject stays as it is. */
  DocDecision toText(DocDecision decoded) {
    String page = ReadRewrites.keptText(decoded);
    return page == null ? decoded : ReadRewrites.withText(decoded, html.text(page));
  }

  /** The charset a meta tag near the start declares, or null. */
  static String metaCharset(byte[] bytes) {
    String start = new String(bytes, 0, Math.min(bytes.length, META_SCAN_BYTES), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(start);
    return m.find() ? m.group(1) : null;
  }
}
