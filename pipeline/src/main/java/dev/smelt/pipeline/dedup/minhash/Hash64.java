package dev.smelt.pipeline.dedup.minhash;

/**
 * A seeded 64-bit hash of lower-cased characters, written from the xxHash64 description: four
 * UTF-16 chars make one 64-bit lane, each lane goes through the XXH64 round, and the MurmurHash3
 * {@code fmix64} finalizer spreads every input bit over the output. No String is allocated.
 */
public final class Hash64 {
  // XXH64's primes (xxHash specification, "Prime constants").
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private Hash64() {}

  /** The hash of {@code text[start, end)} with every char lower-cased (Character.toLowerCase). */
  public static long lowerCase(CharSequence text, int start, int end, long seed) {
    long acc = seed + P5 + (end - start);
    int i = start;
    for (; i + 4 <= end; i += 4) {
      long lane = lower(text.charAt(i)) | (long) lower(text.charAt(i + 1)) << 16
          | (long) lower(text.charAt(i + 2)) << 32 | (long) lower(text.charAt(i + 3)) << 48;
      acc = round(acc, lane);
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += 16) {
      tail |= (long) lower(text.charAt(i)) << shift;
    }
    return fmix64(round(acc, tail));
  }

  /** Mixes {@code value} into {@code acc}: the XXH64 round, accumulate then rotate and multiply. */
  public static long round(long acc, long value) {
    return Long.rotateLeft(acc + value * P2, 31) * P1;
  }

  /** MurmurHash3's 64-bit finalizer: a bijection in which each input bit flips about half the output. */
  public static long fmix64(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static char lower(char c) {
    return c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
  }
}
