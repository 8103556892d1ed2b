package dev.smelt.pipeline.read;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Mail: mbox files (many messages, {@code From } separators) and single RFC-822 messages
 * ({@code .eml}, or any file whose start looks like mail headers). One document per message, id
 * {@code <file>#<n>}, text from {@link MailText}.
 */
public final class MailReader implements FormatReader {
  public static final String NAME = "mail";

  private static final Pattern HEADER_LINE = Pattern.compile("^([A-Za-z0-9-]+):.*");
  private static final Set<String> MAIL_HEADERS = Set.of(
      "return-path", "received", "from", "to", "subject", "date", "message-id", "mime-version",
      "delivered-to", "reply-to", "cc", "content-type", "x-mailer", "sender");

  private final int maxMessageBytes;
  private final MailText mail = new MailText();

  public MailReader(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> extensions() {
    return List.of(".mbox", ".eml");
  }

  /** An mbox separator first, or a header block naming at least two common mail headers. */
  @Override
  public boolean recognizes(byte[] head) {
    String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
    byte[] first = lines[0].getBytes(StandardCharsets.ISO_8859_1);
    if (MboxMessages.isSeparator(first, first.length)) {
      return true;
    }
    int known = 0;
    for (int i = 0; i < lines.length - 1 && !lines[i].isEmpty(); i++) { // the last may be cut off
      var header = HEADER_LINE.matcher(lines[i]);
      if (header.matches()) {
        known += MAIL_HEADERS.contains(header.group(1).toLowerCase(Locale.ROOT)) ? 1 : 0;
      } else if (lines[i].charAt(0) != ' ' && lines[i].charAt(0) != '\t') {
        return false; // neither a header nor its continuation
      }
      if (known >= 2) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void read(CorpusFile file, InputStream content, Consumer<DocDecision> out)
      throws IOException {
    String name = file.relativePath().toLowerCase(Locale.ROOT);
    boolean single = name.endsWith(".eml") || name.endsWith(".eml.gz");
    MboxMessages messages = new MboxMessages(content, !single, maxMessageBytes);
    boolean any = false;
    for (MboxMessages.Message m = messages.next(); m != null; m = messages.next()) {
      any = true;
      out.accept(decide(file, m));
    }
    if (!any) {
      String id = file.relativePath();
      out.accept(DocDecision.reject(new Doc(id, id, ""), RejectReason.EMPTY_FILE, "no message"));
    }
  }

  private DocDecision decide(CorpusFile file, MboxMessages.Message message) {
    String id = file.relativePath() + "#" + message.number();
    Doc raw = new Doc(id, file.relativePath(), Utf8.decodeLenient(message.bytes(), message.bytes().length));
    if (message.tooLong()) {
      return DocDecision.reject(raw, RejectReason.TOO_LONG,
          "message longer than " + maxMessageBytes + " bytes");
    }
    MailText.Result result = mail.extract(message.bytes());
    if (result instanceof MailText.Failed failed) {
      return DocDecision.reject(raw, failed.reason(), failed.detail());
    }
    MailText.Text text = (MailText.Text) result;
    return ReadRewrites.kept(new Doc(id, file.relativePath(), text.text()), text.rewrites());
  }
}
