package dev.smelt.pipeline.dedup.minhash;

import dev.smelt.settings.filter.ShingleKind;
import java.util.Arrays;

/**
 * The hashes of a text's shingles of one {@link ShingleKind}: {@code WORD} n-grams of lower-cased
 * letter/digit runs or {@code CHAR} n-grams of lower-cased characters. A text shorter than one
 * shingle yields one shingle of all of it; a text with no word yields none.
 */
public final class ShingleHashes {
  /** Odd multiplier of the rolling polynomial hash over n items (mod 2^64). */
  private static final long BASE = 0x100000001B3L;

  private ShingleHashes() {}

  /** The 64-bit hash of every shingle of {@code text}, in text order (repeats included). */
  public static long[] of(ShingleKind kind, String text, int size, long seed) {
    return kind == ShingleKind.WORD ? wordShingles(text, size, seed) : charShingles(text, size, seed);
  }

  private static long[] wordShingles(String text, int n, long seed) {
    long[] out = new long[Math.max(4, text.length() / 4)];
    long[] window = new long[n];
    long dropFactor = power(n);
    long rolling = 0;
    int words = 0;
    int count = 0;
    int len = text.length();
    int i = 0;
    while (i < len) {
      while (i < len && !Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < len && Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      if (i == start) {
        break;
      }
      long word = Hash64.lowerCase(text, start, i, seed);
      int slot = words % n;
      rolling = rolling * BASE + word - (words >= n ? window[slot] * dropFactor : 0);
      window[slot] = word;
      words++;
      if (words >= n) {
        out = grow(out, count);
        out[count++] = Hash64.fmix64(rolling ^ seed);
      }
    }
    if (words > 0 && words < n) {
      out[count++] = Hash64.fmix64(rolling ^ seed);
    }
    return Arrays.copyOf(out, count);
  }

  private static long[] charShingles(String text, int k, long seed) {
    int len = text.length();
    if (len == 0) {
      return new long[0];
    }
    long[] out = new long[Math.max(1, len - k + 1)];
    long dropFactor = power(k);
    long rolling = 0;
    int count = 0;
    for (int i = 0; i < len; i++) {
      rolling = rolling * BASE + Character.toLowerCase(text.charAt(i))
          - (i >= k ? Character.toLowerCase(text.charAt(i - k)) * dropFactor : 0);
      if (i >= k - 1) {
        out[count++] = Hash64.fmix64(rolling ^ seed);
      }
    }
    if (count == 0) {
      out[count++] = Hash64.fmix64(rolling ^ seed);
    }
    return out;
  }

  private static long power(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= BASE;
    }
    return p;
  }

  private static long[] grow(long[] a, int used) {
    return used < a.length ? a : Arrays.copyOf(a, a.length * 2);
  }
}
