package dev.smelt.pipeline.dedup.minhash;

import dev.smelt.settings.filter.FuzzyDedupSettings;
import java.io.Serializable;

/**
 * MinHash signatures (Broder 1997): for each of {@code n} permutations {@code h(x) = (a·x + b) mod p}
 * with the Mersenne prime {@code p = 2^61 − 1} (as DataTrove's MinhashDedupSignature), the smallest
 * permuted shingle hash. Two texts agree on one value with probability equal to their Jaccard
 * similarity; a text without shingles has the all-{@link #EMPTY} signature.
 */
public final class MinHasher implements Serializable {
  public static final long PRIME = (1L << 61) - 1;
  /** Every value of the signature of a text with no shingle; no real minimum reaches it. */
  public static final long EMPTY = PRIME;

  private final long[] a;
  private final long[] b;

  /** {@code permutations} (a, b) pairs drawn from SplitMix64 seeded with {@code seed}. */
  /** One permutation per signature value of {@code s} (bands × rows), seeded by its seed. */
  public static MinHasher of(FuzzyDedupSettings s) {
    return new MinHasher(s.bands() * s.rows(), s.seed());
  }

  public MinHasher(int permutations, long seed) {
    if (permutations < 1) {
      throw new IllegalArgumentException("need at least one permutation, not " + permutations);
    }
    a = new long[permutations];
    b = new long[permutations];
    long state = seed;
    for (int i = 0; i < permutations; i++) {
      state += GOLDEN;
      a[i] = 1 + Long.remainderUnsigned(splitMix(state), PRIME - 1);
      state += GOLDEN;
      b[i] = Long.remainderUnsigned(splitMix(state), PRIME);
    }
  }

  public int permutations() {
    return a.length;
  }

  /** The signature of a shingle-hash list (order and repeats do not matter). */
  public long[] signature(long[] shingles) {
    long[] sig = new long[a.length];
    java.util.Arrays.fill(sig, EMPTY);
    for (long shingle : shingles) {
      long x = reduce(shingle);
      for (int i = 0; i < sig.length; i++) {
        long h = addMod(mulMod(a[i], x), b[i]);
        if (h < sig[i]) {
          sig[i] = h;
        }
      }
    }
    return sig;
  }

  /** The share of positions on which two signatures agree: an estimate of the Jaccard similarity. */
  public static double estimatedJaccard(long[] x, long[] y) {
    int same = 0;
    for (int i = 0; i < x.length; i++) {
      same += x[i] == y[i] ? 1 : 0;
    }
    return (double) same / x.length;
  }

  /** {@code x mod p} for any 64-bit x read as unsigned. */
  static long reduce(long x) {
    long r = (x & PRIME) + (x >>> 61);
    return r >= PRIME ? r - PRIME : r;
  }

  /** {@code x·y mod p} for x, y below p: the 122-bit product folded with 2^61 ≡ 1 (mod p). */
  static long mulMod(long x, long y) {
    long lo = x * y;
    long hi = Math.multiplyHigh(x, y);
    long sum = (lo & PRIME) + ((lo >>> 61) | (hi << 3));
    return reduce(sum);
  }

  static long addMod(long x, long y) {
    long s = x + y;
    return s >= PRIME ? s - PRIME : s;
  }

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** SplitMix64's output function (Steele, Lea, Flood 2014). */
  private static long splitMix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
