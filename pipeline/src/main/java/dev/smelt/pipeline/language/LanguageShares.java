package dev.smelt.pipeline.language;

import java.io.Serializable;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a document's prose divides between languages: letters per ISO 639-1 code (and
 * {@link LanguageIdentifier#UNDETERMINED} for segments the detector could not place), largest first.
 */
public record LanguageShares(Map<String, Integer> letters) implements Serializable {
  public LanguageShares {
    letters = letters.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  public long total() {
    return letters.values().stream().mapToLong(Integer::longValue).sum();
  }

  /** The share of {@code languages} in the prose, 0 when there is none. */
  public double shareOf(Collection<String> languages) {
    long total = total();
    long of = letters.entrySet().stream().filter(e -> languages.contains(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
    return total == 0 ? 0 : (double) of / total;
  }

  /** The language with the most letters, {@link LanguageIdentifier#UNDETERMINED} when none. */
  public String dominant() {
    return letters.isEmpty() ? LanguageIdentifier.UNDETERMINED : letters.keySet().iterator().next();
  }

  /** The dominant language among those other than {@code languages}, or undetermined. */
  public String dominantOutside(Collection<String> languages) {
    return letters.keySet().stream().filter(l -> !languages.contains(l))
        .filter(l -> !l.equals(LanguageIdentifier.UNDETERMINED))
        .findFirst().orElse(LanguageIdentifier.UNDETERMINED);
  }

  /** For a person: {@code "ja 0.91 en 0.09"}, at most four languages. */
  @Override
  public String toString() {
    double total = Math.max(1, total());
    return letters.entrySet().stream().limit(4)
        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / total))
        .collect(Collectors.joining(" "));
  }
}
