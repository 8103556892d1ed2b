package dev.smelt.pipeline.toxicity;

import dev.smelt.pipeline.copyright.Shingles;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.ToxicitySettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lexicon toxicity: score = weighted lexicon hits per word (longest term first, hits do not
 * overlap); documents scoring above {@code maxScore} with at least {@code minHits} hits are rejected.
 * A lexicon score is crude — it cannot see negation, quotation or reclaimed use — so the defaults
 * drop only documents dense with strong terms, and identity words weigh nothing.
 */
public final class ToxicityFilter implements DocFilter {
  private final ToxicitySettings settings;
  private final double maxScore;
  private final int minHits;
  /**
   * Not serialized: the DirectRunner serializes a DoFn again for every bundle (one bundle per
   * document after a grouping step), so the lexicon travels as its settings and is shared per JVM.
   */
  private transient ToxicityLexicon lexicon;

  /** @throws IllegalArgumentException for a language with no bundled list */
  public ToxicityFilter(ToxicitySettings s) {
    this.settings = s;
    this.maxScore = s.maxScore();
    this.minHits = s.minHits();
    lexicon(); // fails early on a language without a list
  }

  private ToxicityLexicon lexicon() {
    if (lexicon == null) {
      lexicon = ToxicityLexicon.shared(settings.languages(), settings.ldnoobwWeight(), settings.cussWeights());
    }
    return lexicon;
  }

  @Override
  public Decision decide(Doc doc) {
    Score score = score(doc.text());
    if (score.hits() >= minHits && score.perWord() > maxScore) {
      return Decision.reject(RejectReason.TOXIC, String.format(Locale.ROOT,
          "score %.4f > %s from %d hits, e.g. %s", score.perWord(), maxScore, score.hits(),
          String.join(", ", score.terms().keySet().stream().limit(5).toList())));
    }
    return Decision.keep();
  }

  /** Weighted hits per word, the hit count and which terms hit how often. */
  public Score score(String text) {
    List<String> words = Shingles.words(text);
    ToxicityLexicon lexicon = lexicon();
    double weighted = 0;
    int hits = 0;
    Map<String, Integer> terms = new TreeMap<>();
    int i = 0;
    while (i < words.size()) {
      int matched = 0;
      int longest = lexicon.startsPhrase(words.get(i)) ? ToxicityLexicon.MAX_TERM_WORDS : 1;
      for (int n = Math.min(longest, words.size() - i); n >= 1; n--) {
        String term = String.join(" ", words.subList(i, i + n));
        double w = lexicon.weight(term);
        if (w > 0) {
          weighted += w;
          hits++;
          terms.merge(term, 1, Integer::sum);
          matched = n;
          break;
        }
      }
      i += Math.max(1, matched);
    }
    return new Score(words.isEmpty() ? 0 : weighted / words.size(), hits, terms);
  }

  public record Score(double perWord, int hits, Map<String, Integer> terms) {}
}
