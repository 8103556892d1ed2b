package dev.smelt.pipeline.read;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.ParsingException;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * WARC web archives: each successful (2xx) HTTP response with an HTML or plain-text payload is a
 * document, id the record id, source the target URI. Every other record (warcinfo, request,
 * metadata, revisit, images, errors) is a NOT_TEXT_RECORD reject, so the records of a file always
 * add up; a malformed record ends the file with a CORRUPT_FILE reject.
 */
public final class WarcFileReader implements FormatReader {
  public static final String NAME = "warc";

  private final int maxPayloadBytes;
  private final HtmlReader html;

  public WarcFileReader(int maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
    this.html = new HtmlReader(maxPayloadBytes);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> extensions() {
    return List.of(".warc");
  }

  @Override
  public boolean recognizes(byte[] head) {
    return new String(head, 0, Math.min(head.length, 8), StandardCharsets.ISO_8859_1).startsWith("WARC/");
  }

  @Override
  public boolean textOnly() {
    return false;
  }

  @Override
  public void read(CorpusFile file, InputStream content, Consumer<DocDecision> out)
      throws IOException {
    long records = 0;
    try (WarcReader warc = new WarcReader(content)) {
      warc.setLenient(true);
      for (var record = warc.next(); record.isPresent(); record = warc.next()) {
        records++;
        out.accept(decide(file, record.get()));
      }
    } catch (ParsingException e) {
      String id = file.relativePath();
      out.accept(DocDecision.reject(new Doc(id, id, ""), RejectReason.CORRUPT_FILE,
          "malformed WARC after " + records + " records: " + e.getMessage()));
    }
  }

  private DocDecision decide(CorpusFile file, WarcRecord record) throws IOException {
    String id = record.id().toString();
    String source = record instanceof WarcTargetRecord target ? target.target() : file.relativePath();
    Doc empty = new Doc(id, source, "");
    if (!(record instanceof WarcResponse response)) {
      return notText(empty, record.type() + " record");
    }
    MediaType type;
    int status;
    try {
      status = response.http().status();
      type = response.http().contentType();
    } catch (ParsingException | IllegalArgumentException e) {
      return notText(empty, "response without a parsable HTTP header: " + e.getMessage());
    }
    String base = type.base().toString().toLowerCase(Locale.ROOT);
    boolean isHtml = base.equals("text/html") || base.equals("application/xhtml+xml");
    if (status < 200 || status > 299) {
      return notText(empty, "HTTP " + status + " response");
    }
    if (!isHtml && !base.equals("text/plain")) {
      return notText(empty, "response with a " + base + " payload");
    }
    BoundedBytes bytes = BoundedBytes.read(response.http().bodyDecoded().stream(), maxPayloadBytes);
    Doc raw = new Doc(id, source, bytes.lenientText());
    if (bytes.tooLong()) {
      return bytes.tooLongReject(raw, "payload");
    }
    String charset = type.parameters().get("charset");
    if (isHtml) {
      return html.toText(bytes.decide(raw, charset != null ? charset : HtmlReader.metaCharset(bytes.bytes())));
    }
    return bytes.decide(raw, charset);
  }

  private static DocDecision notText(Doc doc, String detail) {
    return DocDecision.reject(doc, RejectReason.NOT_TEXT_RECORD, detail);
  }
}
