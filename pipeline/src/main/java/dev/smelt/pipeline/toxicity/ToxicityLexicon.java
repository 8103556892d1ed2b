package dev.smelt.pipeline.toxicity;

import dev.smelt.pipeline.bias.IdentityTerms;
import dev.smelt.pipeline.copyright.Shingles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Terms (one to four words) with a weight: LDNOOBW entries weigh {@code ldnoobwWeight}, cuss
 * entries the weight of their rating (rating 0 weighs 0), a term in both the larger weight. Every
 * identity term ({@link IdentityTerms}) weighs 0, so identity words alone never score.
 */
final class ToxicityLexicon implements Serializable {
  static final int MAX_TERM_WORDS = 4;
  private final Map<String, Double> weights;

  private ToxicityLexicon(Map<String, Double> weights) {
    this.weights = weights;
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
