package dev.smelt.pipeline.dedup.minhash;

import java.util.Arrays;

/** Sets of shingle hashes as sorted arrays without repeats, and their exact Jaccard similarity. */
public final class ShingleSets {
  private ShingleSets() {}

  public static long[] of(long[] shingles) {
    long[] sorted = shingles.clone();
    Arrays.sort(sorted);
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, n);
  }

  /** |x ∩ y| / |x ∪ y| of two sets made by {@link #of}; two empty sets count as different (0). */
  public static double jaccard(long[] x, long[] y) {
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < x.length && j < y.length) {
      if (x[i] == y[j]) {
        common++;
        i++;
        j++;
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    int union = x.length + y.length - common;
    return union == 0 ? 0 : (double) common / union;
  }
}
