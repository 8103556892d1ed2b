package dev.smelt.settings.filter;

import static dev.smelt.settings.Check.fraction;
import static dev.smelt.settings.Check.that;

import java.io.Serializable;

/**
 * FineWeb's own rules (Penedo et al. 2024, "The FineWeb Datasets"; DataTrove's
 * {@code FineWebQualityFilter}; {@code data.filterSettings.fineweb}).
 *
 * @param minLinePunctRatio fewest lines ending in terminal punctuation (default 0.12)
 * @param maxShortLineRatio most lines of at most {@code shortLineChars} characters (0.67)
 * @param shortLineChars what counts as a short line (30)
 * @param maxDupLineCharRatio most characters in duplicated lines, newlines not counted (0.1)
 * @param maxNewlinesPerWord most newlines per word before a document is a list (0.3)
 */
public record FineWebSettings(
    double minLinePunctRatio, double maxShortLineRatio, int shortLineChars,
    double maxDupLineCharRatio, double maxNewlinesPerWord) implements Serializable {
  private static final String KEY = "data.filterSettings.fineweb.";

  /**
   * The FineWeb paper/blog's values: punctuated lines ≥ 0.12, short (≤ 30 chars) lines &lt; 0.67,
   * duplicated-line characters &lt; 0.1, newlines per word ≤ 0.3. Not checked against DataTrove's
   * code, which may default the duplicated-line share to 0.01; the blog's 0.1 is used here.
   */
  public static final FineWebSettings PUBLISHED = new FineWebSettings(0.12, 0.67, 30, 0.1, 0.3);

  public FineWebSettings {
    fraction(minLinePunctRatio, KEY + "minLinePunctRatio");
    fraction(maxShortLineRatio, KEY + "maxShortLineRatio");
    that(shortLineChars >= 1, KEY + "shortLineChars", "must be at least 1");
    fraction(maxDupLineCharRatio, KEY + "maxDupLineCharRatio");
    that(maxNewlinesPerWord > 0, KEY + "maxNewlinesPerWord", "must be positive");
  }
}
