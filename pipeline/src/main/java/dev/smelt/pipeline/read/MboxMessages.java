package dev.smelt.pipeline.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Splits a mail file into raw messages, streaming. In mbox mode a message starts at a
 * {@code From } separator line (at the start, or after a blank line) that carries a sender and
 * an asctime date, so a body line starting with "From " does not split a message; mboxrd
 * escapes ({@code >From }) are undone. In single mode the file is one message, and only a leading
 * separator line is dropped. A message over the limit is marked, and its rest skipped.
 */
final class MboxMessages {
  /** "From sender  Thu Aug 22 13:17:22 2002"; the sender may hold spaces, the date a zone. */
  static final Pattern SEPARATOR = Pattern.compile(
      "^From .*?\\s(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
          + "\\s+\\d{1,2}\\s+\\d{1,2}:\\d{2}(:\\d{2})?\\s+.*\\d{4}.*$");
  private static final Pattern ESCAPED_FROM = Pattern.compile("^>+From ");

  /** One raw message; {@code number} counts from 1 within the file. */
  record Message(int number, byte[] bytes, boolean tooLong) {}

  private final ByteLines lines;
  private final boolean mbox;
  private final int maxMessageBytes;
  private ByteLines.Line pending;
  private boolean started;
  private int number;

  MboxMessages(InputStream in, boolean mbox, int maxMessageBytes) {
    this.lines = new ByteLines(in, maxMessageBytes);
    this.mbox = mbox;
    this.maxMessageBytes = maxMessageBytes;
  }

  static boolean isSeparator(byte[] bytes, int length) {
    return length > 5 && bytes[0] == 'F' && bytes[1] == 'r' && bytes[2] == 'o' && bytes[3] == 'm'
        && bytes[4] == ' '
        && SEPARATOR.matcher(new String(bytes, 0, length, StandardCharsets.ISO_8859_1)).matches();
  }

  /** The next message, or null at the end of the file. */
  Message next() throws IOException {
    ByteLines.Line line = pending != null ? pending : lines.next();
    pending = null;
    if (!started) {
      started = true;
      if (line != null && !line.tooLong() && isSeparator(line.bytes(), line.length())) {
        line = lines.next();
      }
    }
    if (line == null) {
      return null;
    }
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    boolean tooLong = false;
    boolean previousBlank = false;
    for (; line != null; line = lines.next()) {
      if (mbox && previousBlank && !line.tooLong() && isSeparator(line.bytes(), line.length())) {
        pending = lines.next(); // the separator itself belongs to no message
        break;
      }
      previousBlank = line.length() == 0 && !line.tooLong();
      int skip = mbox && isEscapedFrom(line) ? 1 : 0;
      int length = line.length() - skip;
      if (line.tooLong() || message.size() + length + 1 > maxMessageBytes) {
        tooLong = true;
      }
      if (!tooLong) {
        message.write(line.bytes(), skip, length);
        message.write('\n');
      }
    }
    number++;
    return new Message(number, message.toByteArray(), tooLong);
  }

  private static boolean isEscapedFrom(ByteLines.Line line) {
    return line.length() > 5 && line.bytes()[0] == '>'
        && ESCAPED_FROM.matcher(new String(line.bytes(), 0, Math.min(line.length(), 80),
            StandardCharsets.ISO_8859_1)).find();
  }
}
