package dev.smelt.settings.filter;

import static dev.smelt.settings.Check.that;

import java.io.Serializable;

/**
 * C4 rules (Raffel et al. 2020, section 2.2; {@code data.filterSettings.c4}): line rules remove
 * lines, document rules reject.
 *
 * @param minWordsPerLine lines with fewer words are removed (default 3)
 * @param maxWordLength lines holding a longer word are removed (1000)
 * @param minSentences documents with fewer sentences left are rejected (3)
 * @param lineEndPunctuation remove lines not ending in terminal punctuation (true)
 * @param removeJavascript remove lines mentioning javascript (true)
 * @param removePolicy remove terms/privacy/cookie lines (true)
 * @param rejectLoremIpsum reject documents with 'lorem ipsum' (true)
 * @param rejectCurlyBracket reject documents with '{' (true)
 */
public record C4Settings(
    int minWordsPerLine, int maxWordLength, int minSentences, boolean lineEndPunctuation,
    boolean removeJavascript, boolean removePolicy, boolean rejectLoremIpsum,
    boolean rejectCurlyBracket) implements Serializable {
  private static final String KEY = "data.filterSettings.c4.";

  /**
   * DataTrove's {@code C4QualityFilter} word and length limits (3 words a line, 1000-character
   * words) with the T5 paper's 3 sentences (DataTrove: 5); every rule on.
   */
  public static final C4Settings PUBLISHED = new C4Settings(3, 1000, 3, true, true, true, true, true);

  public C4Settings {
    that(minWordsPerLine >= 0, KEY + "minWordsPerLine", "must not be negative");
    that(maxWordLength >= 1, KEY + "maxWordLength", "must be at least 1");
    that(minSentences >= 0, KEY + "minSentences", "must not be negative");
  }
}
