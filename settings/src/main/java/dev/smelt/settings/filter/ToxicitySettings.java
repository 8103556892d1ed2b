package dev.smelt.settings.filter;

import static dev.smelt.settings.Check.that;

import java.io.Serializable;
import java.util.List;

/**
 * Lexicon toxicity ({@code data.filterSettings.toxicity}): score = weighted lexicon hits per word;
 * documents scoring above {@code maxScore} with at least {@code minHits} hits are rejected.
 *
 * @param languages LDNOOBW lists to use (default [en]; {@link #BUNDLED} are bundled)
 * @param ldnoobwWeight weight of an LDNOOBW term (default 1.0)
 * @param cussWeights weights of cuss ratings 0, 1, 2 (default [0.0, 0.25, 1.0])
 * @param maxScore highest weighted hits per word a kept document may have (default 0.01)
 * @param minHits fewest hits before a document can be dropped at all (default 3)
 */
public record ToxicitySettings(List<String> languages, double ldnoobwWeight, List<Double> cussWeights,
    double maxScore, int minHits) implements Serializable {
  private static final String KEY = "data.filterSettings.toxicity.";

  /** The LDNOOBW lists the pipeline bundles (its toxicity resources). */
  public static final List<String> BUNDLED = List.of("en", "de", "fr", "es");

  /**
   * Smelt's own choice (a lexicon score is crude: it cannot see negation or quotation), so only
   * documents dense with strong terms go: English, cuss ratings 0/0.25/1, 0.01 a word, 3 hits.
   */
  public static final ToxicitySettings PUBLISHED =
      new ToxicitySettings(List.of("en"), 1.0, List.of(0.0, 0.25, 1.0), 0.01, 3);

  public ToxicitySettings {
    that(languages != null, KEY + "languages", "must be a list of languages");
    for (int i = 0; i < languages.size(); i++) {
      that(BUNDLED.contains(languages.get(i)), KEY + "languages[" + i + "]",
          "has no bundled lexicon; bundled: " + String.join(", ", BUNDLED));
    }
    that(ldnoobwWeight >= 0, KEY + "ldnoobwWeight", "must not be negative");
    that(cussWeights != null && cussWeights.size() == 3
        && cussWeights.stream().allMatch(x -> x != null && x >= 0),
        KEY + "cussWeights", "must be 3 non-negative weights, for ratings 0, 1, 2");
    that(maxScore >= 0, KEY + "maxScore", "must not be negative");
    that(minHits >= 1, KEY + "minHits", "must be at least 1");
    languages = List.copyOf(languages);
    cussWeights = List.copyOf(cussWeights);
  }
}
