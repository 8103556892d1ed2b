package dev.smelt.pipeline.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.internal.Alphabet;
import com.github.pemistahl.lingua.internal.Constant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lingua 1.2.2's two rules before scoring ({@code detectLanguageWithRules},
 * {@code filterLanguagesByRules}), the same answers, from facts cached per word: both rules look
 * at each word on its own (a regex per character and alphabet) and then add up, and prose repeats
 * its words. A word's vote is Lingua's own rule on that one word; the sums are redone here as
 * Lingua does them. {@code LinguaTrigramsTest} checks the answers against {@code detectLanguageOf}.
 */
final class LinguaRules {
  /** Words whose facts are kept (≈ 30 MB); when full the cache starts over. */
  static final int MAX_CACHED = 200_000;
  private static final Alphabet[] ALPHABETS = Alphabet.values();
  /** Lingua's characters → the languages that use them, in its order. */
  private static final List<Map.Entry<String, EnumSet<Language>>> CHARS =
      List.copyOf(Constant.INSTANCE.getCHARS_TO_LANGUAGES_MAPPING().entrySet());

  /** What the rules need to know of one word. {@code hits[j]}: characters of entry j it contains; null for none. */
  private record WordFacts(Language vote, Alphabet alphabet, int[] hits) {}

  private final LanguageDetector detector;
  private final Set<Language> languages;
  private final Map<String, WordFacts> facts = new ConcurrentHashMap<>();

  LinguaRules(LanguageDetector detector) {
    this.detector = detector;
    this.languages = detector.getLanguages$lingua();
  }

  /** What {@code detector.detectLanguageWithRules(words)} answers. */
  Language byRules(List<String> words) {
    Map<Language, Integer> counts = new EnumMap<>(Language.class);
    for (String word : words) {
      counts.merge(factsOf(word).vote(), 1, Integer::sum);
    }
    if (counts.getOrDefault(Language.UNKNOWN, 0) < 0.5 * words.size()) {
      counts.remove(Language.UNKNOWN);
    }
    if (counts.isEmpty()) {
      return Language.UNKNOWN;
    }
    if (counts.size() == 1) {
      return counts.keySet().iterator().next();
    }
    if (counts.size() == 2 && counts.containsKey(Language.CHINESE) && counts.containsKey(Language.JAPANESE)) {
      return Language.JAPANESE;
    }
    Language first = null;
    int firstCount = -1;
    int secondCount = -1;
    for (Map.Entry<Language, Integer> e : counts.entrySet()) {
      if (e.getValue() > firstCount) {
        secondCount = firstCount;
        first = e.getKey();
        firstCount = e.getValue();
      } else if (e.getValue() > secondCount) {
        secondCount = e.getValue();
      }
    }
    return firstCount == secondCount ? Language.UNKNOWN : first; // a tie for first is unknown
  }

  /** What {@code detector.filterLanguagesByRules(words)} answers (as a set; its order is not used). */
  Set<Language> filter(List<String> words) {
    Map<Alphabet, Integer> alphabets = new LinkedHashMap<>(); // first seen first, as Lingua's
    long[] hits = new long[CHARS.size()];
    for (String word : words) {
      WordFacts f = factsOf(word);
      if (f.alphabet() != null) {
        alphabets.merge(f.alphabet(), 1, Integer::sum);
      }
      for (int j = 0; f.hits() != null && j < hits.length; j++) {
        hits[j] += f.hits()[j];
      }
    }
    if (alphabets.isEmpty()) {
      return languages;
    }
    if (alphabets.size() > 1 && alphabets.values().stream().distinct().count() == 1) {
      return languages;
    }
    Alphabet most = null;
    int mostCount = -1;
    for (Map.Entry<Alphabet, Integer> e : alphabets.entrySet()) {
      if (e.getValue() > mostCount) { // the first of equal counts, as maxByOrNull
        most = e.getKey();
        mostCount = e.getValue();
      }
    }
    Set<Language> filtered = EnumSet.noneOf(Language.class);
    for (Language language : languages) {
      if (language.getAlphabets$lingua().contains(most)) {
        filtered.add(language);
      }
    }
    Map<Language, Long> counts = new EnumMap<>(Language.class);
    for (int j = 0; j < hits.length; j++) {
      for (Language language : CHARS.get(j).getValue()) {
        if (hits[j] > 0 && filtered.contains(language)) {
          counts.merge(language, hits[j], Long::sum);
        }
      }
    }
    Set<Language> subset = EnumSet.noneOf(Language.class);
    counts.forEach((language, count) -> {
      if (count >= words.size() / 2.0) {
        subset.add(language);
      }
    });
    return subset.isEmpty() ? filtered : subset;
  }

  private WordFacts factsOf(String word) {
    WordFacts f = facts.get(word);
    if (f == null) {
      f = look(word);
      if (facts.size() >= MAX_CACHED) {
        facts.clear(); // start over: the words in use come back within a few documents
      }
      facts.put(word, f);
    }
    return f;
  }

  private WordFacts look(String word) {
    Language vote = detector.detectLanguageWithRules$lingua(List.of(word));
    Alphabet alphabet = null;
    for (Alphabet a : ALPHABETS) {
      if (a.matches(word)) {
        alphabet = a;
        break;
      }
    }
    int[] hits = null;
    for (int j = 0; j < CHARS.size(); j++) {
      String chars = CHARS.get(j).getKey();
      int n = 0;
      for (int i = 0; i < chars.length(); i++) {
        n += word.indexOf(chars.charAt(i)) >= 0 ? 1 : 0;
      }
      if (n > 0) {
        hits = hits == null ? new int[CHARS.size()] : hits;
        hits[j] = n;
      }
    }
    return new WordFacts(vote, alphabet, hits);
  }
}
