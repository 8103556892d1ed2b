package dev.smelt.pipeline.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.smelt.settings.filter.DetectorAccuracy;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Lingua 1.2.2 (pemistahl), restricted to a set of candidate languages. Chosen over Optimaize
 * 0.6 and OpenNLP by the comparison in docs/language-id.md. Lingua keeps its n-gram models in
 * static maps loaded on first use, so one detector per (candidates, accuracy) serves the JVM.
 */
public final class LinguaIdentifier implements LanguageIdentifier {
  /** Every ISO 639-1 code Lingua knows (75 languages). */
  public static final Set<String> KNOWN = Arrays.stream(Language.values())
      .filter(l -> l != Language.UNKNOWN)
      .map(l -> code(l))
      .collect(Collectors.toUnmodifiableSet());

  private static final Map<String, LinguaIdentifier> BUILT = new ConcurrentHashMap<>();

  private final LanguageDetector detector;
  /** Low accuracy: the same answers without Lingua's per-lookup lock; null for high accuracy. */
  private final LinguaTrigrams trigrams;

  private LinguaIdentifier(List<String> candidates, DetectorAccuracy accuracy) {
    IsoCode639_1[] codes = candidates.stream()
        .map(c -> IsoCode639_1.valueOf(c.toUpperCase(Locale.ROOT)))
        .toArray(IsoCode639_1[]::new);
    LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromIsoCodes639_1(codes);
    // Not preloaded: a model loads when a document's script first needs it (English text never
    // loads the Cyrillic, CJK or Arabic-script models); preloading all 75 cost the demo's data stage
    // about a quarter more CPU.
    this.detector = (accuracy == DetectorAccuracy.LOW ? builder.withLowAccuracyMode() : builder).build();
    this.trigrams = accuracy == DetectorAccuracy.LOW ? new LinguaTrigrams(detector) : null;
  }

  /**
   * The shared detector for these candidates (ISO 639-1 codes, at least two) and accuracy.
   *
   * @throws IllegalArgumentException for a code Lingua does not know
   */
  public static LinguaIdentifier of(List<String> candidates, DetectorAccuracy accuracy) {
    Set<String> sorted = new TreeSet<>(candidates);
    checkKnown(sorted, "candidates");
    return BUILT.computeIfAbsent(accuracy + ":" + sorted,
        k -> new LinguaIdentifier(List.copyOf(sorted), accuracy));
  }

  /** @throws IllegalArgumentException naming the first code of {@code codes} Lingua does not know */
  static void checkKnown(Iterable<String> codes, String key) {
    for (String code : codes) {
      if (!KNOWN.contains(code)) {
        throw new IllegalArgumentException("data.filterSettings.language." + key + ": '" + code
            + "' is not a language the detector knows; known: " + String.join(", ", new TreeSet<>(KNOWN)));
      }
    }
  }

  /**
   * One high-accuracy detection at a time per JVM: Lingua 1.2.2 enters a monitor on its static
   * model map for every n-gram lookup and loads a missing model outside it, so parallel callers
   * contend on that monitor and load the same models twice (the demo's data stage spent a third of
   * its CPU so). Low accuracy goes through {@link LinguaTrigrams}, which takes no such lock.
   */
  private static final Object ONE_AT_A_TIME = new Object();

  @Override
  public String identify(String text) {
    Language language = trigrams != null ? trigrams.detect(text) : detectOneAtATime(text);
    return language == Language.UNKNOWN ? UNDETERMINED : code(language);
  }

  /** The low-accuracy scorer, for tests; null for high accuracy. */
  LinguaTrigrams trigrams() {
    return trigrams;
  }

  /** Lingua's own answer (the reference {@link LinguaTrigrams} is checked against). */
  Language detectOneAtATime(String text) {
    synchronized (ONE_AT_A_TIME) {
      return detector.detectLanguageOf(text);
    }
  }

  private static String code(Language language) {
    return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
  }
}
