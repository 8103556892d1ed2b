package dev.smelt.pipeline.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * UTF-16 and UTF-32 text, which holds NUL bytes and so would look binary: recognised by a byte
 * order mark, or without one by where its NUL bytes fall (Latin-script text in UTF-16LE has a NUL
 * in every odd byte, and none in the even ones), and re-encoded as UTF-8 for the readers.
 */
final class WideUnicode {
  /** Share of the high bytes of a code unit that must be NUL to take a guess (a looser rule would take binary for text). */
  private static final double MIN_NUL_HIGH_SHARE = 0.9;

  private WideUnicode() {}

  /**
   * @param bomLength bytes of byte order mark to skip
   * @param guessed true when no byte order mark said so, only the NUL pattern
   */
  record Encoding(Charset charset, int bomLength, boolean guessed) {
    String describe() {
      return charset.name() + (guessed ? " (guessed from its NUL bytes, no byte order mark)" : " (byte order mark)");
    }
  }

  /** The wide encoding of a file starting with {@code head}, if it is one. */
  static Optional<Encoding> detect(byte[] head) {
    // UTF-32LE's mark FF FE 00 00 starts like UTF-16LE's FF FE: test it first.
    if (startsWith(head, 0xFF, 0xFE, 0x00, 0x00)) {
      return Optional.of(new Encoding(Charset.forName("UTF-32LE"), 4, false));
    }
    if (startsWith(head, 0x00, 0x00, 0xFE, 0xFF)) {
      return Optional.of(new Encoding(Charset.forName("UTF-32BE"), 4, false));
    }
    if (startsWith(head, 0xFF, 0xFE)) {
      return Optional.of(new Encoding(StandardCharsets.UTF_16LE, 2, false));
    }
    if (startsWith(head, 0xFE, 0xFF)) {
      return Optional.of(new Encoding(StandardCharsets.UTF_16BE, 2, false));
    }
    return guess(head);
  }

  private static Optional<Encoding> guess(byte[] head) {
    int units32 = head.length / 4;
    if (units32 > 0 && nulShare(head, 4, 2) == 1 && nulShare(head, 4, 3) == 1 && nulShare(head, 4, 0) == 0) {
      return Optional.of(new Encoding(Charset.forName("UTF-32LE"), 0, true));
    }
    if (units32 > 0 && nulShare(head, 4, 0) == 1 && nulShare(head, 4, 1) == 1 && nulShare(head, 4, 3) == 0) {
      return Optional.of(new Encoding(Charset.forName("UTF-32BE"), 0, true));
    }
    if (head.length >= 2 && nulShare(head, 2, 1) >= MIN_NUL_HIGH_SHARE && nulShare(head, 2, 0) == 0) {
      return Optional.of(new Encoding(StandardCharsets.UTF_16LE, 0, true));
    }
    if (head.length >= 2 && nulShare(head, 2, 0) >= MIN_NUL_HIGH_SHARE && nulShare(head, 2, 1) == 0) {
      return Optional.of(new Encoding(StandardCharsets.UTF_16BE, 0, true));
    }
    return Optional.empty();
  }

  /** Share of NUL bytes among those at {@code offset} of each whole unit of {@code width} bytes. */
  private static double nulShare(byte[] head, int width, int offset) {
    int units = head.length / width;
    int nul = 0;
    for (int u = 0; u < units; u++) {
      nul += head[u * width + offset] == 0 ? 1 : 0;
    }
    return units == 0 ? 0 : (double) nul / units;
  }

  private static boolean startsWith(byte[] head, int... bytes) {
    if (head.length < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((head[i] & 0xFF) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The content as UTF-8, its byte order mark dropped; malformed input throws a
   * {@link java.nio.charset.CharacterCodingException} when read.
   */
  static InputStream toUtf8(InputStream in, Encoding encoding) throws IOException {
    in.skipNBytes(encoding.bomLength());
    return new Utf8Encoded(new InputStreamReader(in, encoding.charset().newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)));
  }

  /** Characters read from a reader, handed on as UTF-8 bytes. */
  private static final class Utf8Encoded extends InputStream {
    private final Reader reader;
    private final char[] chars = new char[8192];
    private int pendingChars;
    private byte[] bytes = new byte[0];
    private int position;

    Utf8Encoded(Reader reader) {
      this.reader = reader;
    }

    @Override
    public int read() throws IOException {
      return fill() ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, bytes.length - position);
      System.arraycopy(bytes, position, b, off, n);
      position += n;
      return n;
    }

    /** Whether bytes are ready; a high surrogate ending a chunk waits for its low half. */
    private boolean fill() throws IOException {
      while (position == bytes.length) {
        int n = reader.read(chars, pendingChars, chars.length - pendingChars);
        if (n < 0) {
          if (pendingChars == 0) {
            return false;
          }
          n = 0;
        }
        int total = pendingChars + n;
        int complete = total > 0 && n > 0 && Character.isHighSurrogate(chars[total - 1]) ? total - 1 : total;
        bytes = new String(chars, 0, complete).getBytes(StandardCharsets.UTF_8);
        position = 0;
        pendingChars = total - complete;
        if (pendingChars > 0) {
          chars[0] = chars[total - 1];
        }
      }
      return true;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
