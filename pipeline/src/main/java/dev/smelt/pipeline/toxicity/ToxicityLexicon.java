package dev.smelt.pipeline.toxicity;

import dev.smelt.pipeline.bias.IdentityTerms;
import dev.smelt.pipeline.copyright.Shingles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Terms (one to four words) with a weight: LDNOOBW entries weigh {@code ldnoobwWeight}, cuss
 * entries the weight of their rating (rating 0 weighs 0), a term in both the larger weight. Every
 * identity term ({@link IdentityTerms}) weighs 0, so identity words alone never score.
 */
final class ToxicityLexicon {
  static final int MAX_TERM_WORDS = 4;
  /** One lexicon per settings and JVM: every copy of the filter a runner deserializes shares it. */
  private static final Map<List<Object>, ToxicityLexicon> LOADED = new ConcurrentHashMap<>();

  private final Map<String, Double> weights;
  /** First words of the multi-word terms: only there can a term longer than one word start. */
  private final Set<String> phraseStarts;

  private ToxicityLexicon(Map<String, Double> weights) {
    this.weights = weights;
    this.phraseStarts = new HashSet<>();
    for (String term : weights.keySet()) {
      int space = term.indexOf(' ');
      if (space > 0) {
        phraseStarts.add(term.substring(0, space));
      }
    }
  }

  /** The lexicon for these settings, loaded on the first call in this JVM. */
  static ToxicityLexicon shared(List<String> languages, double ldnoobwWeight, List<Double> cussWeights) {
    return LOADED.computeIfAbsent(List.of(List.copyOf(languages), ldnoobwWeight, List.copyOf(cussWeights)),
        k -> load(languages, ldnoobwWeight, cussWeights));
  }

  static ToxicityLexicon load(List<String> languages, double ldnoobwWeight, List<Double> cussWeights) {
    Map<String, Double> w = new HashMap<>();
    for (String lang : languages) {
      for (String line : lines("/lexicons/ldnoobw-" + lang + ".txt")) {
        put(w, line, ldnoobwWeight);
      }
    }
    for (String line : lines("/lexicons/cuss-en.tsv")) {
      String[] parts = line.split("\t");
      put(w, parts[0], cussWeights.get(Integer.parseInt(parts[1])));
    }
    IdentityTerms.all().keySet().forEach(term -> w.put(term, 0.0));
    w.values().removeIf(v -> v <= 0);
    return new ToxicityLexicon(w);
  }

  private static void put(Map<String, Double> w, String term, double weight) {
    List<String> words = Shingles.words(term);
    if (!words.isEmpty() && words.size() <= MAX_TERM_WORDS) {
      w.merge(String.join(" ", words), weight, Math::max);
    }
  }

  /** Whether some term of two or more words starts with {@code word}. */
  boolean startsPhrase(String word) {
    return phraseStarts.contains(word);
  }

  double weight(String term) {
    return weights.getOrDefault(term, 0.0);
  }

  int size() {
    return weights.size();
  }

  private static List<String> lines(String resource) {
    try (InputStream raw = ToxicityLexicon.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalArgumentException("no toxicity lexicon " + resource
            + "; languages available: en, de, fr, es");
      }
      return new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8)).lines()
          .filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }
}
