package dev.smelt.pipeline.copyright;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Word n-gram fingerprints: lower-cased runs of letters and digits, n at a time, hashed with
 * 64-bit FNV-1a. Punctuation, case and line breaks do not change a fingerprint.
 */
public final class Shingles {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  /** Compiled once: String.split would compile this pattern again for every document. */
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");

  private Shingles() {}

  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String w : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (!w.isEmpty()) {
        words.add(w);
      }
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
