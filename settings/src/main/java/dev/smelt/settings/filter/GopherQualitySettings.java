package dev.smelt.settings.filter;

import static dev.smelt.settings.Check.fraction;
import static dev.smelt.settings.Check.that;

import java.io.Serializable;

/**
 * Gopher quality rules (Rae et al. 2021, "Scaling Language Models", appendix A1.1;
 * {@code data.filterSettings.gopherQuality}).
 *
 * @param minWords fewest words (default 50)
 * @param maxWords most words (default 100,000)
 * @param minMeanWordLength shortest mean word length in characters (default 3)
 * @param maxMeanWordLength longest mean word length (default 10)
 * @param maxSymbolWordRatio most '#' per word, and most ellipses ("..." or "…") per word (0.1)
 * @param maxBulletLinesRatio most lines starting with a bullet ('•', '-', '*') (0.9)
 * @param maxEllipsisLinesRatio most lines ending with an ellipsis (0.3)
 * @param minAlphaWordsRatio fewest words holding an alphabetic character (0.8)
 * @param minStopWords fewest stop-word occurrences (2)
 */
public record GopherQualitySettings(
    int minWords, int maxWords, double minMeanWordLength, double maxMeanWordLength,
    double maxSymbolWordRatio, double maxBulletLinesRatio, double maxEllipsisLinesRatio,
    double minAlphaWordsRatio, int minStopWords) implements Serializable {
  private static final String KEY = "data.filterSettings.gopherQuality.";

  /** The paper's values, as DataTrove's {@code GopherQualityFilter.__init__} defaults them. */
  public static final GopherQualitySettings PUBLISHED =
      new GopherQualitySettings(50, 100_000, 3, 10, 0.1, 0.9, 0.3, 0.8, 2);

  public GopherQualitySettings {
    that(minWords >= 0 && maxWords > minWords, KEY + "maxWords",
        "must be greater than gopherQuality.minWords (>= 0)");
    that(minMeanWordLength >= 0 && maxMeanWordLength > minMeanWordLength, KEY + "maxMeanWordLength",
        "must be greater than gopherQuality.minMeanWordLength");
    that(maxSymbolWordRatio >= 0, KEY + "maxSymbolWordRatio", "must not be negative");
    fraction(maxBulletLinesRatio, KEY + "maxBulletLinesRatio");
    fraction(maxEllipsisLinesRatio, KEY + "maxEllipsisLinesRatio");
    fraction(minAlphaWordsRatio, KEY + "minAlphaWordsRatio");
    that(minStopWords >= 0, KEY + "minStopWords", "must not be negative");
  }
}
