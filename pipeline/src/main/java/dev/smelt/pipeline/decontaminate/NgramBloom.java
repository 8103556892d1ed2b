package dev.smelt.pipeline.decontaminate;

/**
 * A Bloom filter of 64-bit n-gram hashes, its bits in a {@code long[]}. The k probe positions come
 * from two halves of one re-mixed hash (Kirsch and Mitzenmacher 2006: two hashes suffice).
 */
public final class NgramBloom implements NgramSet {
  private static final long serialVersionUID = 1L;
  private static final double LN2 = Math.log(2);

  private final long[] bits;
  private final long bitCount;
  private final int probes;
  private final int size;

  private NgramBloom(long bitCount, int probes, int size) {
    this.bits = new long[(int) ((bitCount + 63) / 64)];
    this.bitCount = bitCount;
    this.probes = probes;
    this.size = size;
  }

  /**
   * A filter holding {@code distinct} hashes whose lookups of absent hashes say "present" with
   * probability about {@code falsePositiveRate}.
   */
  public static NgramBloom of(long[] distinct, double falsePositiveRate) {
    if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
      throw new IllegalArgumentException(
          "Bloom false-positive rate must be between 0 and 1 (exclusive), got " + falsePositiveRate);
    }
    int n = Math.max(1, distinct.length);
    // Optimal size and probe count (Bloom 1970; Broder and Mitzenmacher 2004, section 2.1).
    long m = Math.max(64, (long) Math.ceil(-n * Math.log(falsePositiveRate) / (LN2 * LN2)));
    if (m > 64L * Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a Bloom filter of " + distinct.length
          + " n-grams at rate " + falsePositiveRate + " would not fit in memory");
    }
    int k = Math.max(1, (int) Math.round((double) m / n * LN2));
    NgramBloom bloom = new NgramBloom(m, k, distinct.length);
    for (long h : distinct) {
      bloom.add(h);
    }
    return bloom;
  }

  private void add(long hash) {
    long step = remix(hash) | 1;
    for (int i = 0; i < probes; i++) {
      long bit = bitAt(hash, step, i);
      bits[(int) (bit >>> 6)] |= 1L << bit;
    }
  }

  @Override
  public boolean contains(long hash) {
    long step = remix(hash) | 1;
    for (int i = 0; i < probes; i++) {
      long bit = bitAt(hash, step, i);
      if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The i-th probe: hash + i × step, modulo the bit count (Java shifts by bit mod 64). */
  private long bitAt(long hash, long step, int i) {
    return Math.floorMod(hash + i * step, bitCount);
  }

  @Override
  public int size() {
    return size;
  }

  /** Bytes the bits take: what "bounded memory" means here. */
  public long bytes() {
    return bits.length * 8L;
  }

  public int probes() {
    return probes;
  }

  /** A second, independent-looking hash from the first (SplitMix64's finaliser). */
  private static long remix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
