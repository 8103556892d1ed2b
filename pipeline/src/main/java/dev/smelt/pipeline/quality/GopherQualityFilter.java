package dev.smelt.pipeline.quality;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.GopherQualitySettings;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Gopher quality rules (Rae et al. 2021, "Scaling Language Models", appendix A1.1), with the
 * defaults of DataTrove's {@code GopherQualityFilter}. Rules run in the paper's order; the first
 * broken rule is the reason.
 */
public final class GopherQualityFilter implements DocFilter {
  /** The paper's stop words: a document needs at least {@code minStopWords} occurrences of them. */
  static final Set<String> STOP_WORDS = Set.of("the", "be", "to", "of", "and", "that", "have", "with");

  private final GopherQualitySettings t;

  public GopherQualityFilter(GopherQualitySettings thresholds) {
    this.t = thresholds;
  }

  @Override
  public Decision decide(Doc doc) {
    String text = doc.text();
    List<String> words = TextUnits.words(text);
    int n = words.size();
    if (n < t.minWords() || n > t.maxWords()) {
      return Decision.reject(RejectReason.GOPHER_WORD_COUNT,
          n + " words, allowed " + t.minWords() + ".." + t.maxWords());
    }
    double mean = words.stream().mapToInt(String::length).average().orElse(0);
    if (mean < t.minMeanWordLength() || mean > t.maxMeanWordLength()) {
      return Decision.reject(RejectReason.GOPHER_MEAN_WORD_LENGTH, String.format(Locale.ROOT,
          "mean word length %.2f, allowed %s..%s", mean, t.minMeanWordLength(), t.maxMeanWordLength()));
    }
    double hashes = count(text, "#") / (double) n;
    double ellipses = (count(text, "...") + count(text, "\u2026")) / (double) n;
    if (hashes > t.maxSymbolWordRatio() || ellipses > t.maxSymbolWordRatio()) {
      return Decision.reject(RejectReason.GOPHER_SYMBOL_RATIO, String.format(Locale.ROOT,
          "'#' per word %.3f, ellipses per word %.3f, max %s", hashes, ellipses, t.maxSymbolWordRatio()));
    }
    List<String> lines = TextUnits.lines(text);
    double bullets = fraction(lines, l -> l.stripLeading().matches("^[\u2022\u2023\u25e6\u2043\\-*].*"));
    if (bullets > t.maxBulletLinesRatio()) {
      return Decision.reject(RejectReason.GOPHER_BULLET_LINES, String.format(Locale.ROOT,
          "%.2f of lines start with a bullet, max %s", bullets, t.maxBulletLinesRatio()));
    }
    double ellipsisLines = fraction(lines, l -> l.stripTrailing().endsWith("...") || l.stripTrailing().endsWith("\u2026"));
    if (ellipsisLines > t.maxEllipsisLinesRatio()) {
      return Decision.reject(RejectReason.GOPHER_ELLIPSIS_LINES, String.format(Locale.ROOT,
          "%.2f of lines end with an ellipsis, max %s", ellipsisLines, t.maxEllipsisLinesRatio()));
    }
    double alpha = fraction(words, w -> w.codePoints().anyMatch(Character::isLetter));
    if (alpha < t.minAlphaWordsRatio()) {
      return Decision.reject(RejectReason.GOPHER_NON_ALPHA_WORDS, String.format(Locale.ROOT,
          "%.2f of words hold a letter, min %s", alpha, t.minAlphaWordsRatio()));
    }
    long stop = words.stream().filter(w -> STOP_WORDS.contains(w.toLowerCase(Locale.ROOT))).count();
    if (stop < t.minStopWords()) {
      return Decision.reject(RejectReason.GOPHER_STOP_WORDS,
          stop + " stop words, min " + t.minStopWords());
    }
    return Decision.keep();
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  static double fraction(List<String> items, java.util.function.Predicate<String> test) {
    return items.isEmpty() ? 0 : items.stream().filter(test).count() / (double) items.size();
  }
}
