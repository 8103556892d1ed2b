package dev.smelt.pipeline.language;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps documents in an allowed language, detected by Optimaize language-detector (70 built-in
 * n-gram profiles, offline). The detector looks at the first {@value #SAMPLE_CHARS} characters.
 */
public final class LanguageFilter implements DocFilter {
  static final int SAMPLE_CHARS = 10_000;

  /**
   * @param allow ISO 639-1 codes to keep, e.g. [en] (default [en])
   * @param minScore the best allowed language's probability must reach this (default 0.65, like
   *     DataTrove's LanguageFilter threshold for fastText; from memory)
   */
  public record Settings(List<String> allow, double minScore) implements java.io.Serializable {
    public static final Settings DEFAULTS = new Settings(List.of("en"), 0.65);

    public Settings {
      allow = List.copyOf(allow);
    }
  }

  private final Set<String> allow;
  private final double minScore;

  public LanguageFilter(Settings settings) {
    Set<String> known = Detector.codes();
    for (String code : settings.allow()) {
      if (!known.contains(code)) {
        throw new IllegalArgumentException("language '" + code + "' has no detector profile; known: "
            + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
    if (settings.allow().isEmpty()) {
      throw new IllegalArgumentException("allow at least one language, e.g. [en]");
    }
    this.allow = Set.copyOf(settings.allow());
    this.minScore = settings.minScore();
  }

  @Override
  public Decision decide(Doc doc) {
    String text = doc.text();
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    List<DetectedLanguage> ranked = Detector.INSTANCE.detector.getProbabilities(
        Detector.INSTANCE.texts.forText(sample));
    if (ranked.isEmpty()) {
      return Decision.reject(RejectReason.LANGUAGE_UNCERTAIN, "no language detected");
    }
    DetectedLanguage best = ranked.get(0);
    String code = best.getLocale().getLanguage();
    String detail = String.format(Locale.ROOT, "%s %.3f", code, best.getProbability());
    if (!allow.contains(code)) {
      return Decision.reject(RejectReason.LANGUAGE_NOT_ALLOWED, detail);
    }
    if (best.getProbability() < minScore) {
      return Decision.reject(RejectReason.LANGUAGE_UNCERTAIN, detail + " < " + minScore);
    }
    return Decision.keep();
  }

  /** Loading the profiles takes about a second: once per JVM, shared (the detector is thread-safe). */
  private static final class Detector {
    static final Detector INSTANCE = new Detector();
    final LanguageDetector detector;
    final TextObjectFactory texts = CommonTextObjectFactories.forDetectingOnLargeText();
    final Set<String> codes;

    private Detector() {
      try {
        var profiles = new LanguageProfileReader().readAllBuiltIn();
        detector = LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(profiles).build();
        codes = profiles.stream().map(p -> p.getLocale().getLanguage()).collect(java.util.stream.Collectors.toSet());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load language profiles: " + e.getMessage(), e);
      }
    }

    static Set<String> codes() {
      return INSTANCE.codes;
    }
  }
}
