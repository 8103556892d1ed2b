package dev.smelt.pipeline.copyright;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word n-gram fingerprints: lower-cased runs of letters and digits, n at a time, hashed with
 * 64-bit FNV-1a. Punctuation, case and line breaks do not change a fingerprint.
 */
public final class Shingles {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Shingles() {}

  /**
   * The runs of letters ({@code \p{L}}) and decimal digits ({@code \p{Nd}}) of the lower-cased
   * text, by code point: what splitting on {@code [^\p{L}\p{Nd}]+} gives, without the regex
   * (that split was a twentieth of the data stage, docs/throughput.md).
   */
  public static List<String> words(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      boolean word = Character.isLetter(cp) || Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER;
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        words.add(lower.substring(start, i));
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      words.add(lower.substring(start));
    }
    return words;
  }

  /** The hash of every n-gram of {@code words}, in order (empty if fewer than n words). */
  public static long[] hashes(List<String> words, int n) {
    int count = Math.max(0, words.size() - n + 1);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      long h = FNV_OFFSET;
      for (int j = i; j < i + n; j++) {
        if (j > i) {
          h = (h ^ ' ') * FNV_PRIME;
        }
        String w = words.get(j);
        for (int k = 0; k < w.length(); k++) {
          h = (h ^ w.charAt(k)) * FNV_PRIME;
        }
      }
      out[i] = mix(h);
    }
    return out;
  }

  /** FNV's low bits are weak; a final avalanche step makes sampling by bits fair. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
