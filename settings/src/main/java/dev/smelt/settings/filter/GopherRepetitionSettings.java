package dev.smelt.settings.filter;

import static dev.smelt.settings.Check.fraction;
import static dev.smelt.settings.Check.that;

import java.io.Serializable;
import java.util.List;

/**
 * Gopher repetition rules (Rae et al. 2021, table A1; {@code data.filterSettings.gopherRepetition}).
 * Character fractions are of the whole text's length, as in DataTrove.
 *
 * @param maxDupLineFraction duplicated lines / lines (default 0.3)
 * @param maxDupParagraphFraction duplicated paragraphs / paragraphs (0.3)
 * @param maxDupLineCharFraction characters in duplicated lines / characters (0.2)
 * @param maxDupParagraphCharFraction characters in duplicated paragraphs / characters (0.2)
 * @param maxTopNgramCharFraction for n = 2, 3, 4: the top n-gram's characters × count (0.20, 0.18, 0.16)
 * @param maxDupNgramCharFraction for n = 5..10: characters in repeated n-grams (0.15 … 0.10)
 */
public record GopherRepetitionSettings(
    double maxDupLineFraction, double maxDupParagraphFraction, double maxDupLineCharFraction,
    double maxDupParagraphCharFraction, List<Double> maxTopNgramCharFraction,
    List<Double> maxDupNgramCharFraction) implements Serializable {
  private static final String KEY = "data.filterSettings.gopherRepetition.";

  /** Table A1's values, as DataTrove's {@code GopherRepetitionFilter.__init__} defaults them. */
  public static final GopherRepetitionSettings PUBLISHED = new GopherRepetitionSettings(0.3, 0.3, 0.2, 0.2,
      List.of(0.20, 0.18, 0.16), List.of(0.15, 0.14, 0.13, 0.12, 0.11, 0.10));

  public GopherRepetitionSettings {
    fraction(maxDupLineFraction, KEY + "maxDupLineFraction");
    fraction(maxDupParagraphFraction, KEY + "maxDupParagraphFraction");
    fraction(maxDupLineCharFraction, KEY + "maxDupLineCharFraction");
    fraction(maxDupParagraphCharFraction, KEY + "maxDupParagraphCharFraction");
    fractions(maxTopNgramCharFraction, 3, KEY + "maxTopNgramCharFraction", "n = 2, 3, 4");
    fractions(maxDupNgramCharFraction, 6, KEY + "maxDupNgramCharFraction", "n = 5..10");
    maxTopNgramCharFraction = List.copyOf(maxTopNgramCharFraction);
    maxDupNgramCharFraction = List.copyOf(maxDupNgramCharFraction);
  }

  private static void fractions(List<Double> vs, int n, String key, String what) {
    that(vs != null && vs.size() == n && vs.stream().allMatch(v -> v != null && v >= 0 && v <= 1), key,
        "must be " + n + " values between 0 and 1, for " + what);
  }
}
