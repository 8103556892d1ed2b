package dev.smelt.pipeline.dedup.minhash;

import dev.smelt.settings.filter.FuzzyDedupSettings;
import java.io.Serializable;

/**
 * Locality-sensitive hashing by banding (Leskovec, Rajaraman, Ullman, "Mining of Massive Datasets"
 * §3.4): the signature is cut into {@code bands} runs of {@code rows} values; two texts become a
 * candidate pair when all rows of at least one band agree, which happens with probability
 * {@code 1 − (1 − s^rows)^bands} for Jaccard similarity s.
 */
public record LshBands(int bands, int rows) implements Serializable {
  /** The bands of {@code s}. */
  public static LshBands of(FuzzyDedupSettings s) {
    return new LshBands(s.bands(), s.rows());
  }

  public LshBands {
    if (bands < 1 || rows < 1) {
      throw new IllegalArgumentException("bands and rows must be at least 1, not " + bands + " × " + rows);
    }
  }

  public int signatureLength() {
    return bands * rows;
  }

  /**
   * One bucket key per band: a 64-bit hash of the band's index and its rows. Two texts share a
   * key only if that band agrees (or, with odds near 2^-64, by a collision). A text without
   * shingles gets no keys, so empty texts never pair up.
   */
  public long[] bucketKeys(long[] signature) {
    if (signature.length != signatureLength()) {
      throw new IllegalArgumentException(
          "signature has " + signature.length + " values, bands × rows is " + signatureLength());
    }
    if (signature[0] == MinHasher.EMPTY) {
      return new long[0];
    }
    long[] keys = new long[bands];
    for (int band = 0; band < bands; band++) {
      long acc = band;
      for (int row = band * rows; row < (band + 1) * rows; row++) {
        acc = Hash64.round(acc, signature[row]);
      }
      keys[band] = Hash64.fmix64(acc);
    }
    return keys;
  }

  /** The probability that a pair of Jaccard similarity {@code s} becomes a candidate. */
  public double candidateProbability(double s) {
    return 1 - Math.pow(1 - Math.pow(s, rows), bands);
  }

  /**
   * The usual threshold estimate (1/bands)^(1/rows) (MMDS §3.4.3): about where the curve rises
   * steepest; there the odds are 1 − (1 − 1/bands)^bands, about 0.63 for many bands.
   */
  public double threshold() {
    return Math.pow(1.0 / bands, 1.0 / rows);
  }
}
