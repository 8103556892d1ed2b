package dev.smelt.settings.filter;

import static dev.smelt.settings.Check.that;

import java.io.Serializable;

/**
 * Settings of the {@code fuzzy_dedup} stage ({@code data.filterSettings.fuzzyDedup}).
 *
 * @param shingle word or char shingles
 * @param shingleSize words (or characters) per shingle
 * @param bands LSH bands
 * @param rows signature values per band
 * @param seed seeds the shingle hash and the permutations; another seed, other (equally good) buckets
 * @param minJaccard candidate pairs below this exact shingle Jaccard are not merged; 0 merges every
 *     candidate (FineWeb does no check)
 * @param maxRounds label-propagation rounds unrolled in the Beam graph; a component needing more
 *     fails the run with a message to raise it
 */
public record FuzzyDedupSettings(
    ShingleKind shingle, int shingleSize, int bands, int rows, long seed, double minJaccard,
    int maxRounds) implements Serializable {

  private static final String KEY = "data.filterSettings.fuzzyDedup.";

  /** FineWeb's MinhashConfig (DataTrove examples/fineweb.py): 5-word shingles, 14 × 8, seed 1. */
  public static final FuzzyDedupSettings PUBLISHED =
      new FuzzyDedupSettings(ShingleKind.WORD, 5, 14, 8, 1, 0.0, 10);

  public FuzzyDedupSettings {
    that(shingle != null, KEY + "shingle", "must be word or char");
    that(shingleSize >= 1 && shingleSize <= 1000, KEY + "shingleSize", "must be between 1 and 1000");
    that(bands >= 1, KEY + "bands", "must be at least 1");
    that(rows >= 1, KEY + "rows", "must be at least 1");
    that((long) bands * rows <= 4096, KEY + "rows", "bands × rows must be at most 4096 signature values");
    that(minJaccard >= 0 && minJaccard <= 1, KEY + "minJaccard", "must be between 0 and 1");
    that(maxRounds >= 1 && maxRounds <= 64, KEY + "maxRounds", "must be between 1 and 64");
  }
}
