package dev.smelt.pipeline.language;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import dev.smelt.settings.filter.DetectorAccuracy;
import dev.smelt.settings.filter.LanguageSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/** The detectors the comparison runs, each built as its own setup would build it. */
enum ComparedDetector {
  /** Smelt before issue 15: Optimaize 0.6 on the first 10,000 raw characters, best ≥ 0.65. */
  OPTIMAIZE_BEFORE,
  /** Optimaize 0.6 behind the new prose segments and shares. */
  OPTIMAIZE,
  /** OpenNLP 2.2's language detector with the model Tika 3.3.1 ships behind the new prose segments and shares. */
  OPENNLP,
  LINGUA_LOW,
  LINGUA_HIGH;

  String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static ComparedDetector of(String key) {
    for (ComparedDetector d : values()) {
      if (d.key().equals(key)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown detector '" + key + "'; known: "
        + java.util.Arrays.stream(values()).map(ComparedDetector::key).toList());
  }

  /** A function from a document's text to its shares, as the filter of this setup sees it. */
  Function<String, LanguageShares> build(List<String> candidates) {
    return switch (this) {
      case OPTIMAIZE_BEFORE -> optimaizeBefore();
      case OPTIMAIZE -> filter(candidates, optimaize());
      case OPENNLP -> filter(candidates, openNlp());
      case LINGUA_LOW -> filter(candidates, LinguaIdentifier.of(candidates, DetectorAccuracy.LOW));
      case LINGUA_HIGH -> filter(candidates, LinguaIdentifier.of(candidates, DetectorAccuracy.HIGH));
    };
  }

  private static Function<String, LanguageShares> filter(List<String> candidates, LanguageIdentifier id) {
    LanguageSettings s = LanguageSettings.PUBLISHED;
    LanguageFilter f = new LanguageFilter(
        new LanguageSettings(s.allow(), s.minShare(), candidates, s.accuracy(), s.sampleChars()), id);
    return f::shares;
  }

  /** The whole sample goes to one detector call; a best score under 0.65 is undetermined. */
  private static Function<String, LanguageShares> optimaizeBefore() {
    OptimaizeModels m = OptimaizeModels.load();
    return text -> {
      String sample = text.length() > 10_000 ? text.substring(0, 10_000) : text;
      List<DetectedLanguage> ranked = m.detector.getProbabilities(m.texts.forText(sample));
      String code = ranked.isEmpty() || ranked.get(0).getProbability() < 0.65
          ? LanguageIdentifier.UNDETERMINED : ranked.get(0).getLocale().getLanguage();
      return new LanguageShares(Map.of(code, Math.max(1, ProseText.letters(sample))));
    };
  }

  private static LanguageIdentifier optimaize() {
    OptimaizeModels m = OptimaizeModels.load();
    return text -> {
      List<DetectedLanguage> ranked = m.detector.getProbabilities(m.texts.forText(text));
      return ranked.isEmpty() ? LanguageIdentifier.UNDETERMINED : ranked.get(0).getLocale().getLanguage();
    };
  }

  private static LanguageIdentifier openNlp() {
    LanguageDetectorME detector;
    // The model file tika-langdetect-opennlp ships (OpenNLP's 103-language model of 2021-04-13).
    try (var model = ComparedDetector.class.getResourceAsStream("/opennlp-langdetect-20210413.bin")) {
      detector = new LanguageDetectorME(new LanguageDetectorModel(model));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> iso1 = iso639_3to1();
    return text -> {
      String lang = detector.predictLanguage(text).getLang();
      return iso1.getOrDefault(lang, lang);
    };
  }

  /** OpenNLP names some languages by ISO 639-3 (e.g. cmn, pes, zsm); the set is labelled 639-1. */
  private static Map<String, String> iso639_3to1() {
    Map<String, String> map = new HashMap<>();
    for (String two : Locale.getISOLanguages()) {
      map.put(Locale.forLanguageTag(two).getISO3Language(), two);
    }
    map.putAll(Map.of("cmn", "zh", "pes", "fa", "zsm", "ms", "arb", "ar", "ekk", "et", "lvs", "lv",
        "swh", "sw", "khk", "mn", "azj", "az", "als", "sq"));
    map.putAll(Map.of("nob", "nb", "nno", "nn", "ind", "id", "hbs", "sr", "zho-simp", "zh", "zho-trad", "zh",
        "heb", "he", "iw", "he", "yid", "yi"));
    return map;
  }

  private record OptimaizeModels(LanguageDetector detector, TextObjectFactory texts) {
    static OptimaizeModels load() {
      try {
        var profiles = new LanguageProfileReader().readAllBuiltIn();
        return new OptimaizeModels(
            LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(profiles).build(),
            CommonTextObjectFactories.forDetectingOnLargeText());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
