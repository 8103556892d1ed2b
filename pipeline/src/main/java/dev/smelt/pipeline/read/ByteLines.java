package dev.smelt.pipeline.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines on '\n' (dropping a trailing '\r'), without decoding, so that
 * each line can be decoded strictly on its own. A line longer than the limit is cut at the limit
 * and marked, and the rest of it is skipped, so one huge line cannot exhaust memory.
 */
final class ByteLines {
  private final InputStream in;
  private final int maxLineBytes;
  private byte[] buffer = new byte[8192];
  private long lineNumber;

  ByteLines(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** One line; {@code bytes} is valid up to {@code length} and reused by the next call. */
  record Line(long number, byte[] bytes, int length, boolean tooLong) {}

  /** The next line, or null at the end of the stream. */
  Line next() throws IOException {
    int length = 0;
    boolean tooLong = false;
    int b = in.read();
    if (b < 0) {
      return null;
    }
    while (b >= 0 && b != '\n') {
      if (length < maxLineBytes) {
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.min(maxLineBytes, buffer.length * 2));
        }
        buffer[length++] = (byte) b;
      } else {
        tooLong = true;
      }
      b = in.read();
    }
    if (!tooLong && length > 0 && buffer[length - 1] == '\r') {
      length--;
    }
    lineNumber++;
    return new Line(lineNumber, buffer, length, tooLong);
  }
}
