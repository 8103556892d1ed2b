package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.RejectReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The text of one RFC-822 message: its subject, then its text/plain parts or, when it has none,
 * its text/html parts converted to text; transfer encodings (quoted-printable, base64) and
 * charsets decoded, attachments and non-text parts skipped.
 */
final class MailText {
  private static final MimeConfig LENIENT = new MimeConfig.Builder()
      .setStrictParsing(false)
      .setMaxLineLen(-1)
      .setMaxHeaderLen(-1)
      .setMaxHeaderCount(-1)
      .setMaxContentLen(-1)
      .build();

  private final HtmlToText html = new HtmlToText();

  /** What became of a message: its text, or why it has none. */
  sealed interface Result permits Text, Failed {}

  /** @param rewrites what decoding changed (a guessed charset, dropped bytes), summed over parts */
  record Text(String text, Map<RejectReason, Integer> rewrites) implements Result {}

  record Failed(RejectReason reason, String detail) implements Result {}

  /** A body line "--boundary" followed by a part header: multipart content under no multipart type. */
  private static final Pattern UNDECLARED_MULTIPART =
      Pattern.compile("(?m)^--([^\\r\\n]{1,70})\\r?\\nContent-(Type|Transfer-Encoding):");

  Result extract(byte[] message) {
    Parts parts = parse(message);
    if (parts == null) {
      return new Failed(RejectReason.CORRUPT_FILE, "MIME structure could not be parsed");
    }
    if (parts.multiparts == 0 && parts.parts.size() == 1 && parts.parts.get(0).type.equals("text/plain")) {
      // Some mailers send multipart bodies without the header that says so: read them as such.
      Matcher boundary = UNDECLARED_MULTIPART.matcher(
          new String(parts.parts.get(0).bytes, StandardCharsets.ISO_8859_1));
      if (boundary.find()) {
        byte[] header = ("Content-Type: multipart/mixed; boundary=\"" + boundary.group(1) + "\"\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        byte[] declared = Arrays.copyOf(header, header.length + message.length);
        System.arraycopy(message, 0, declared, header.length, message.length);
        Parts reparsed = parse(declared);
        parts = reparsed != null && !reparsed.parts.isEmpty() ? reparsed : parts;
      }
    }
    return text(parts);
  }

  private static Parts parse(byte[] message) {
    Parts parts = new Parts();
    MimeStreamParser parser = new MimeStreamParser(LENIENT, DecodeMonitor.SILENT, null);
    parser.setContentDecoding(true);
    parser.setContentHandler(parts);
    try {
      parser.parse(new ByteArrayInputStream(message));
      return parts;
    } catch (MimeException | IOException | RuntimeException e) {
      return null;
    }
  }

  private Result text(Parts parts) {
    List<Part> chosen = parts.of("text/plain");
    boolean isHtml = chosen.isEmpty();
    if (isHtml) {
      chosen = parts.of("text/html");
    }
    if (chosen.isEmpty() && parts.parts.isEmpty() && parts.multiparts > 0) {
      return new Failed(RejectReason.CORRUPT_FILE,
          "multipart message without parts: its boundary never occurs in the body");
    }
    if (chosen.isEmpty()) {
      return new Failed(RejectReason.NOT_TEXT_RECORD,
          "no text/plain or text/html part outside attachments; parts: " + parts.describe());
    }
    StringBuilder text = new StringBuilder(parts.subject == null ? "" : parts.subject.strip());
    Map<RejectReason, Integer> rewrites = new EnumMap<>(RejectReason.class);
    for (Part part : chosen) {
      TextDecoding.Result decoded = TextDecoding.decode(part.bytes, part.bytes.length, part.charset);
      if (decoded instanceof TextDecoding.Failed failed) {
        return new Failed(failed.reason(), part.type + " part: " + failed.detail());
      }
      String body = ((TextDecoding.Decoded) decoded).text();
      ((TextDecoding.Decoded) decoded).rewrites().forEach((reason, n) -> rewrites.merge(reason, n, Integer::sum));
      text.append(text.length() == 0 ? "" : "\n\n").append(isHtml ? html.text(body) : html.plainText(body));
    }
    return new Text(text.toString(), rewrites);
  }

  /** One leaf part: its media type, declared charset and decoded bytes. */
  private record Part(String type, String charset, boolean attachment, byte[] bytes) {}

  /** Collects the leaf parts of a message and its subject as the parser walks it. */
  private static final class Parts extends AbstractContentHandler {
    final List<Part> parts = new ArrayList<>();
    String subject;
    int multiparts;
    private int messageDepth;
    private boolean inBodyPart;
    private String disposition = "";

    List<Part> of(String type) {
      return parts.stream().filter(p -> !p.attachment && p.type.equals(type)).toList();
    }

    String describe() {
      if (parts.isEmpty()) {
        return "none";
      }
      return String.join(", ", parts.stream()
          .map(p -> p.type + (p.attachment ? " (attachment)" : "")).toList());
    }

    @Override
    public void startMessage() {
      messageDepth++;
    }

    @Override
    public void endMessage() {
      messageDepth--;
    }

    @Override
    public void startMultipart(BodyDescriptor body) {
      multiparts++;
    }

    @Override
    public void startBodyPart() {
      inBodyPart = true;
    }

    @Override
    public void startHeader() {
      disposition = "";
    }

    @Override
    public void field(Field field) {
      String name = field.getNameLowerCase();
      if (name.equals("content-disposition")) {
        disposition = field.getBody().trim().toLowerCase(Locale.ROOT);
      } else if (name.equals("subject") && subject == null && messageDepth == 1 && !inBodyPart) {
        subject = DecoderUtil.decodeEncodedWords(rawBody(field), DecodeMonitor.SILENT);
      }
    }

    /** The field's value from its raw bytes: mime4j reads 8-bit header bytes as ASCII, losing them. */
    private static String rawBody(Field field) {
      byte[] raw = field.getRaw().toByteArray();
      int colon = 0;
      while (colon < raw.length && raw[colon] != ':') {
        colon++;
      }
      byte[] value = java.util.Arrays.copyOfRange(raw, Math.min(colon + 1, raw.length), raw.length);
      TextDecoding.Result decoded = TextDecoding.decode(value, value.length);
      String text = decoded instanceof TextDecoding.Decoded d ? d.text() : field.getBody();
      return text.replaceAll("\\r?\\n[ \\t]", " ").strip(); // unfold
    }

    @Override
    public void body(BodyDescriptor body, InputStream content) throws IOException {
      // "TEXT/PLAIN charset=US-ASCII" (no semicolon) occurs: the type is the first token
      String type = body.getMimeType() == null ? "text/plain"
          : body.getMimeType().toLowerCase(Locale.ROOT).split("[;\\s]", 2)[0];
      boolean attachment = disposition.startsWith("attachment");
      boolean wanted = !attachment && (type.equals("text/plain") || type.equals("text/html"));
      parts.add(new Part(type, body.getCharset(), attachment, wanted ? content.readAllBytes() : new byte[0]));
    }
  }
}
