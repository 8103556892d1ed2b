package dev.smelt.pipeline.read;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict and lenient UTF-8 decoding of raw bytes. */
final class Utf8 {
  /** How much of a rejected input is kept as the reject's text. */
  static final int REJECT_TEXT_BYTES = 64 * 1024;

  private Utf8() {}

  /** Thrown when bytes are not valid UTF-8; says where, so a user can find the spot. */
  static final class InvalidUtf8 extends Exception {
    final long offset;

    InvalidUtf8(long offset) {
      super("invalid UTF-8 at byte offset " + offset);
      this.offset = offset;
    }
  }

  static String decodeStrict(byte[] bytes, int length) throws InvalidUtf8 {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
    CharBuffer out = CharBuffer.allocate(length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new InvalidUtf8(in.position());
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** Decodes replacing bad bytes, keeping at most {@link #REJECT_TEXT_BYTES}: for reject rows. */
  static String decodeLenient(byte[] bytes, int length) {
    return new String(bytes, 0, Math.min(length, REJECT_TEXT_BYTES), StandardCharsets.UTF_8);
  }
}
