package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.RejectReason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Turns bytes into text, always strictly (no U+FFFD for bad bytes): with a declared charset when
 * one is given and the bytes are valid in it (ASCII and UTF-8 declarations are not trusted: old
 * mailers declare them for anything), else as UTF-8 when the bytes are valid UTF-8, else with
 * a charset detected confidently, else, when at most 1% of the bytes are non-ASCII (too few for a
 * detector, and few to get wrong), as Windows-1252, the de-facto default of old mail and web pages.
 * Other bytes are a reject with a reason. A detected or fallback charset is a guess, and a kept
 * text says so ({@link Decoded#rewrites()}: CHARSET_GUESSED, LOSSY_DECODE), so no change is silent.
 */
final class TextDecoding {
  /** The detector has seen enough by then; feeding it more only costs time. */
  private static final int DETECT_BYTES = 256 * 1024;
  private static final double MAX_GUESSED_SHARE = 0.01;
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private TextDecoding() {}

  sealed interface Result permits Decoded, Failed {}

  /**
   * @param charset the charset the text was decoded with, e.g. "UTF-8" or "windows-1252"
   * @param guessed whether that charset was detected or a fallback, not UTF-8 or as declared
   * @param droppedBytes bytes the guessed charset leaves undefined, dropped from the text
   */
  record Decoded(String text, String charset, boolean guessed, int droppedBytes) implements Result {
    Decoded(String text, String charset) {
      this(text, charset, false, 0);
    }

    /** What decoding changed, as rewrite counts: a guess, and the bytes it lost. */
    Map<RejectReason, Integer> rewrites() {
      Map<RejectReason, Integer> edits = new EnumMap<>(RejectReason.class);
      if (guessed) {
        edits.put(RejectReason.CHARSET_GUESSED, 1);
      }
      if (droppedBytes > 0) {
        edits.put(RejectReason.LOSSY_DECODE, droppedBytes);
      }
      return edits;
    }
  }

  record Failed(RejectReason reason, String detail) implements Result {}

  /** Bytes with no declared charset, e.g. a plain text file. */
  static Result decode(byte[] bytes, int length) {
    return decode(bytes, length, null);
  }

  /**
   * @param declared the charset a header or meta tag names, or null; when the bytes are not valid
   *     in it, detection decides, as it does when nothing (or only ASCII/UTF-8) is declared
   */
  static Result decode(byte[] bytes, int length, String declared) {
    Charset declaredCharset = supported(declared);
    if (declaredCharset != null && !isAsciiOrUtf8(declaredCharset)) {
      String text = strict(bytes, length, declaredCharset);
      if (text != null) {
        return new Decoded(text, declaredCharset.name());
      }
    }
    try {
      return new Decoded(Utf8.decodeStrict(bytes, length), StandardCharsets.UTF_8.name());
    } catch (Utf8.InvalidUtf8 notUtf8) {
      String declaredNote = declared == null ? ""
          : declaredCharset == null ? "declared charset '" + declared + "' is not supported by Java; "
          : isAsciiOrUtf8(declaredCharset) ? "" : "not valid " + declaredCharset.name() + " as declared; ";
      Charset detected = supported(detect(bytes, length));
      if (detected == null && nonAsciiShare(bytes, length) <= MAX_GUESSED_SHARE) {
        // Windows-1252 leaves five bytes undefined; Java decodes them as U+FFFD: drop them.
        String withUndefined = new String(bytes, 0, length, WINDOWS_1252);
        String text = withUndefined.replace("\uFFFD", "");
        return new Decoded(text, WINDOWS_1252.name(), true, withUndefined.length() - text.length());
      }
      if (detected == null) {
        return new Failed(RejectReason.UNKNOWN_CHARSET, declaredNote + "not UTF-8 ("
            + notUtf8.getMessage() + ") and no other charset detected with confidence");
      }
      if (detected.equals(StandardCharsets.UTF_8)) {
        return new Failed(RejectReason.INVALID_UTF8, declaredNote + notUtf8.getMessage());
      }
      String text = strict(bytes, length, detected);
      if (text == null) {
        return new Failed(RejectReason.UNKNOWN_CHARSET, declaredNote + "detected "
            + detected.name() + ", but the bytes are not valid " + detected.name() + " either");
      }
      return new Decoded(text, detected.name(), true, 0);
    }
  }

  /** The bytes decoded, or null when they are malformed or unmappable in this charset. */
  private static String strict(byte[] bytes, int length, Charset charset) {
    try {
      return charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The charset universalchardet names for these bytes, or null when it is not confident. */
  static String detect(byte[] bytes, int length) {
    UniversalDetector detector = new UniversalDetector();
    for (int offset = 0; offset < Math.min(length, DETECT_BYTES) && !detector.isDone(); offset += 8192) {
      detector.handleData(bytes, offset, Math.min(8192, length - offset));
    }
    detector.dataEnd();
    return detector.getDetectedCharset();
  }

  private static double nonAsciiShare(byte[] bytes, int length) {
    int high = 0;
    for (int i = 0; i < length; i++) {
      high += bytes[i] < 0 ? 1 : 0;
    }
    return length == 0 ? 0 : (double) high / length;
  }

  /** The Java charset for a name, or null when the name is missing, malformed or unknown. */
  static Charset supported(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return Charset.forName(name.trim().replace("\"", "").replace("'", ""));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  private static boolean isAsciiOrUtf8(Charset charset) {
    String name = charset.name().toUpperCase(Locale.ROOT);
    return name.equals("US-ASCII") || name.equals("UTF-8");
  }
}
