package dev.smelt.pipeline.clean;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Undoes the commonest mojibake: UTF-8 bytes that were decoded as Windows-1252 (or Latin-1), as
 * in "donâ€™t" for "don’t" or "cafÃ©" for "café". A run of characters is replaced only when its
 * Windows-1252 bytes form one complete, valid multi-byte UTF-8 sequence (a lead byte followed by
 * the right number of continuation bytes), which ordinary text almost never does. Two-byte
 * sequences are only taken with the leads "Â" and "Ã" (they encode U+0080..U+00FF): other leads,
 * such as "ß" before a German closing quote "“", occur in correct text.
 */
public final class MojibakeRepair implements Serializable {
  /** Windows-1252's characters for the bytes 0x80..0x9F, where it differs from Latin-1. */
  private static final String CP1252_HIGH = new String(
      new byte[] {(byte) 0x80, (byte) 0x82, (byte) 0x83, (byte) 0x84, (byte) 0x85, (byte) 0x86,
          (byte) 0x87, (byte) 0x88, (byte) 0x89, (byte) 0x8A, (byte) 0x8B, (byte) 0x8C, (byte) 0x8E,
          (byte) 0x91, (byte) 0x92, (byte) 0x93, (byte) 0x94, (byte) 0x95, (byte) 0x96, (byte) 0x97,
          (byte) 0x98, (byte) 0x99, (byte) 0x9A, (byte) 0x9B, (byte) 0x9C, (byte) 0x9E, (byte) 0x9F},
      Charset.forName("windows-1252"));
  private static final int[] CP1252_HIGH_BYTES = {0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
      0x89, 0x8A, 0x8B, 0x8C, 0x8E, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A,
      0x9B, 0x9C, 0x9E, 0x9F};

  /** The text with its mojibake undone, and how many sequences were replaced. */
  public record Repaired(String text, int repairs) {}

  public String repair(String text) {
    return repairCounted(text).text();
  }

  public Repaired repairCounted(String text) {
    if (!mayHoldMojibake(text)) {
      return new Repaired(text, 0);
    }
    StringBuilder out = new StringBuilder(text.length());
    int repairs = 0;
    int i = 0;
    while (i < text.length()) {
      int lead = byteOf(text.charAt(i));
      int continuations = lead == 0xC2 || lead == 0xC3 ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2
          : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
      String fixed = continuations > 0 ? decode(text, i, continuations) : null;
      if (fixed != null) {
        out.append(fixed);
        repairs++;
        i += continuations + 1;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return new Repaired(out.toString(), repairs);
  }

  /** Only lead bytes Â..ô can start mojibake; most text has none and is returned as is. */
  private static boolean mayHoldMojibake(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\u00C2' && c <= '\u00F4') {
        return true;
      }
    }
    return false;
  }

  private static String decode(String text, int start, int continuations) {
    if (start + continuations >= text.length()) {
      return null;
    }
    byte[] bytes = new byte[continuations + 1];
    for (int k = 0; k <= continuations; k++) {
      int b = byteOf(text.charAt(start + k));
      if (b < 0 || (k > 0 && (b < 0x80 || b > 0xBF))) {
        return null;
      }
      bytes[k] = (byte) b;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * The byte a character came from when bytes were decoded as Windows-1252, or as Latin-1 for the
   * five bytes Windows-1252 leaves undefined (they come through as C1 controls); -1 otherwise.
   */
  private static int byteOf(char c) {
    if (c < 0x80) {
      return c;
    }
    if (c <= 0xFF) {
      return c;
    }
    int k = CP1252_HIGH.indexOf(c);
    return k >= 0 ? CP1252_HIGH_BYTES[k] : -1;
  }
}
