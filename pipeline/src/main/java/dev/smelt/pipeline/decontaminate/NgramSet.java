package dev.smelt.pipeline.decontaminate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A set of 64-bit word n-gram hashes ({@code copyright.Shingles#hashes}) that answers "is this one
 * in it?": exact (a sorted array) while small, a Bloom filter beyond, so memory stays bounded.
 */
public interface NgramSet extends Serializable {
  /**
   * Above this many distinct hashes (8 MiB as a sorted array) a Bloom filter takes over: at the
   * default rate of 1e-6 it needs ~29 bits a hash instead of 64 (Bloom 1970; m/n = -ln p / ln²2).
   */
  int EXACT_LIMIT = 1 << 20;

  /** True if {@code hash} is in the set; a Bloom filter may also say so, at its false-positive rate. */
  boolean contains(long hash);

  /** How many distinct hashes went in. */
  int size();

  /** The set of {@code hashes} (duplicates allowed); Bloom beyond {@link #EXACT_LIMIT}. */
  static NgramSet of(long[] hashes, double falsePositiveRate) {
    long[] distinct = SortedNgrams.distinctSorted(hashes);
    return distinct.length <= EXACT_LIMIT
        ? new SortedNgrams(distinct)
        : NgramBloom.of(distinct, falsePositiveRate);
  }

  /** An exact set: sorted distinct hashes, binary search. */
  final class SortedNgrams implements NgramSet {
    private static final long serialVersionUID = 1L;
    private final long[] sorted;

    SortedNgrams(long[] sortedDistinct) {
      this.sorted = sortedDistinct;
    }

    @Override
    public boolean contains(long hash) {
      return Arrays.binarySearch(sorted, hash) >= 0;
    }

    @Override
    public int size() {
      return sorted.length;
    }

    static long[] distinctSorted(long[] hashes) {
      long[] s = hashes.clone();
      Arrays.sort(s);
      int w = 0;
      for (int i = 0; i < s.length; i++) {
        if (i == 0 || s[i] != s[i - 1]) {
          s[w++] = s[i];
        }
      }
      return Arrays.copyOf(s, w);
    }
  }
}
