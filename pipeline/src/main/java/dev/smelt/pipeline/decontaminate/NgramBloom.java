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
  private long size;

  private NgramBloom(long bitCount, int probes) {
    this.bits = new long[(int) ((bitCount + 63) / 64)];
    this.bitCount = bitCount;
    this.probes = probes;
  }

  /** A filter of {@code hashes}, sized for that many (duplicates only lower its rate). */
  public static NgramBloom of(long[] hashes, double falsePositiveRate) {
    NgramBloom bloom = sized(hashes.length, falsePositiveRate);
    for (long h : hashes) {
      bloom.add(h);
    }
    return bloom;
  }

  /**
   * An empty filter for up to {@code expected} hashes whose lookups of absent hashes say "present"
   * with probability about {@code falsePositiveRate} once it holds that many.
   */
  public static NgramBloom sized(long expected, double falsePositiveRate) {
    if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
      throw new IllegalArgumentException(
          "Bloom false-positive rate must be between 0 and 1 (exclusive), got " + falsePositiveRate);
    }
    long n = Math.max(1, expected);
    // Optimal size and probe count (Bloom 1970; Broder and Mitzenmacher 2004, section 2.1).
    long m = Math.max(64, (long) Math.ceil(-n * Math.log(falsePositiveRate) / (LN2 * LN2)));
    if (m > 64L * (Integer.MAX_VALUE - 8)) {
      throw new IllegalArgumentException("a Bloom filter of " + expected
          + " n-grams at rate " + falsePositiveRate + " would not fit in one array");
    }
    int k = Math.max(1, (int) Math.round((double) m / n * LN2));
    return new NgramBloom(m, k);
  }

  /** Adds one hash. */
  void add(long hash) {
    size++;
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

  /** Hashes added, duplicates included. */
  @Override
  public long size() {
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
