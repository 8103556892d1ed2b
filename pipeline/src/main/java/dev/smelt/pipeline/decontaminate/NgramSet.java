package dev.smelt.pipeline.decontaminate;

import dev.smelt.pipeline.copyright.Shingles;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A set of 64-bit word n-gram hashes ({@link Shingles#hashes}) that answers "is this one in it?":
 * exact (a sorted array) while small, a Bloom filter beyond, so memory stays bounded.
 */
public interface NgramSet extends Serializable {
  /**
   * Above this many n-grams (8 MiB as a sorted array) a Bloom filter takes over: at the default
   * rate of 1e-6 it needs ~29 bits an n-gram instead of 64 (Bloom 1970; m/n = -ln p / ln²2).
   */
  int EXACT_LIMIT = 1 << 20;

  /** True if {@code hash} is in the set; a Bloom filter may also say so, at its false-positive rate. */
  boolean contains(long hash);

  /** How many n-grams went in (distinct for the exact set). */
  long size();

  /**
   * The word n-grams of {@code texts}. A Bloom filter is filled text by text, so building one never
   * holds more than its bits and one text's hashes.
   */
  static NgramSet of(List<String> texts, int n, double falsePositiveRate) {
    return of(texts, n, falsePositiveRate, EXACT_LIMIT);
  }

  /** As {@link #of(List, int, double)}, exact up to {@code exactLimit} n-grams. */
  static NgramSet of(List<String> texts, int n, double falsePositiveRate, int exactLimit) {
    long count = texts.stream().mapToLong(t -> Math.max(0, Shingles.words(t).size() - n + 1)).sum();
    if (count > exactLimit) {
      NgramBloom bloom = NgramBloom.sized(count, falsePositiveRate);
      for (String t : texts) {
        for (long h : hashes(t, n)) {
          bloom.add(h);
        }
      }
      return bloom;
    }
    long[] all = new long[(int) count];
    int at = 0;
    for (String t : texts) {
      long[] h = hashes(t, n);
      System.arraycopy(h, 0, all, at, h.length);
      at += h.length;
    }
    return SortedNgrams.of(all);
  }

  /** The set of these n-gram hashes (duplicates allowed): exact up to {@link #EXACT_LIMIT} distinct. */
  static NgramSet ofHashes(long[] hashes, double falsePositiveRate) {
    SortedNgrams exact = SortedNgrams.of(hashes);
    return exact.size() > EXACT_LIMIT ? NgramBloom.of(exact.sorted, falsePositiveRate) : exact;
  }

  /** The word n-gram hashes of one text, in order: what every set here is made of. */
  static long[] hashes(String text, int n) {
    return Shingles.hashes(Shingles.words(text), n);
  }

  /** An exact set: sorted distinct hashes, binary search. */
  final class SortedNgrams implements NgramSet {
    private static final long serialVersionUID = 1L;
    private final long[] sorted;

    private SortedNgrams(long[] sortedDistinct) {
      this.sorted = sortedDistinct;
    }

    /** The set of {@code hashes}, duplicates allowed. */
    static SortedNgrams of(long[] hashes) {
      long[] s = hashes.clone();
      Arrays.sort(s);
      int w = 0;
      for (int i = 0; i < s.length; i++) {
        if (i == 0 || s[i] != s[i - 1]) {
          s[w++] = s[i];
        }
      }
      return new SortedNgrams(Arrays.copyOf(s, w));
    }

    @Override
    public boolean contains(long hash) {
      return Arrays.binarySearch(sorted, hash) >= 0;
    }

    @Override
    public long size() {
      return sorted.length;
    }
  }
}
