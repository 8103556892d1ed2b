package dev.smelt.pipeline.tokenize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-level pre-tokenization, shared by the trainer and the tokenizer: the split regex and
 * the reversible map from each of the 256 byte values to one printable character.
 */
final class ByteLevel {
  private ByteLevel() {}

  /**
   * GPT-2's split pattern. UNICODE_CHARACTER_CLASS makes {@code \s} mean Unicode white space, as it
   * does in the Oniguruma regex that Hugging Face tokenizers runs; without it Java's {@code \s} is
   * ASCII only and the two would split differently.
   */
  static final Pattern SPLIT =
      Pattern.compile(
          "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
          Pattern.UNICODE_CHARACTER_CLASS);

  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[324];

  static {
    // bytes_to_unicode(): printable Latin-1 bytes stand for themselves, the rest get 256 + n.
    int n = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
      BYTE_TO_CHAR[b] = printable ? (char) b : (char) (256 + n++);
    }
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    for (int b = 0; b < 256; b++) {
      CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
    }
  }

  /** The pieces GPT-2's regex splits {@code text} into, in order; they concatenate to the text. */
  static List<String> split(String text) {
    List<String> pieces = new ArrayList<>();
    Matcher m = SPLIT.matcher(text);
    while (m.find()) {
      pieces.add(m.group());
    }
    return pieces;
  }

  /** The printable character that stands for byte {@code b} (0..255). */
  static char symbolOf(int b) {
    return BYTE_TO_CHAR[b & 0xFF];
  }

  /** Maps a piece's UTF-8 bytes to their printable characters, one char per byte. */
  static String toSymbols(String piece) {
    byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
    char[] out = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
    }
    return new String(out);
  }

  /** Appends the bytes that {@code symbols} stands for; false if a char is not a byte symbol. */
  static boolean appendBytes(String symbols, java.io.ByteArrayOutputStream out) {
    for (int i = 0; i < symbols.length(); i++) {
      char c = symbols.charAt(i);
      if (c >= CHAR_TO_BYTE.length || CHAR_TO_BYTE[c] < 0) {
        return false;
      }
      out.write(CHAR_TO_BYTE[c]);
    }
    return true;
  }
}
