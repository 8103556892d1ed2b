package dev.smelt.infra.config;

import dev.smelt.pipeline.data.FilterChain;
import dev.smelt.pipeline.language.LinguaIdentifier;
import dev.smelt.settings.filter.FilterSettings;
import dev.smelt.settings.filter.FuzzyDedupSettings;
import dev.smelt.settings.filter.LanguageSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Value rules of {@code data.filters} and {@code data.filterSettings}, naming the broken key. */
final class FilterSettingsValidator {
  /** The pipeline's registry is the one list of stage names. */
  static final List<String> FILTERS = FilterChain.NAMES;
  static final List<String> PII_KINDS = List.of("private_key", "aws_key", "github_token",
      "slack_token", "secret_value", "email", "payment_card", "ip_address", "phone");
  static final List<String> TOXICITY_LANGUAGES = List.of("en", "de", "fr", "es");
  private static final String S = "data.filterSettings.";

  private FilterSettingsValidator() {}

  static void validate(List<String> filters, FilterSettings f) {
    require(filters != null && !filters.isEmpty(), "data.filters",
        "must name at least one of " + String.join(", ", FILTERS));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < filters.size(); i++) {
      String name = filters.get(i);
      require(FILTERS.contains(name), "data.filters[" + i + "]",
          "'" + name + "' is not a filter; known: " + String.join(", ", FILTERS));
      require(seen.add(name), "data.filters[" + i + "]", "'" + name + "' is named twice");
    }
    language(f.language());
    var q = f.gopherQuality();
    require(q.minWords() >= 0 && q.maxWords() > q.minWords(), S + "gopherQuality.maxWords",
        "must be greater than gopherQuality.minWords (>= 0)");
    require(q.minMeanWordLength() >= 0 && q.maxMeanWordLength() > q.minMeanWordLength(),
        S + "gopherQuality.maxMeanWordLength", "must be greater than gopherQuality.minMeanWordLength");
    require(q.maxSymbolWordRatio() >= 0, S + "gopherQuality.maxSymbolWordRatio", "must not be negative");
    fraction(q.maxBulletLinesRatio(), S + "gopherQuality.maxBulletLinesRatio");
    fraction(q.maxEllipsisLinesRatio(), S + "gopherQuality.maxEllipsisLinesRatio");
    fraction(q.minAlphaWordsRatio(), S + "gopherQuality.minAlphaWordsRatio");
    require(q.minStopWords() >= 0, S + "gopherQuality.minStopWords", "must not be negative");
    var r = f.gopherRepetition();
    fraction(r.maxDupLineFraction(), S + "gopherRepetition.maxDupLineFraction");
    fraction(r.maxDupParagraphFraction(), S + "gopherRepetition.maxDupParagraphFraction");
    fraction(r.maxDupLineCharFraction(), S + "gopherRepetition.maxDupLineCharFraction");
    fraction(r.maxDupParagraphCharFraction(), S + "gopherRepetition.maxDupParagraphCharFraction");
    fractions(r.maxTopNgramCharFraction(), 3, S + "gopherRepetition.maxTopNgramCharFraction", "n = 2, 3, 4");
    fractions(r.maxDupNgramCharFraction(), 6, S + "gopherRepetition.maxDupNgramCharFraction", "n = 5..10");
    var c4 = f.c4();
    require(c4.minWordsPerLine() >= 0, S + "c4.minWordsPerLine", "must not be negative");
    require(c4.maxWordLength() >= 1, S + "c4.maxWordLength", "must be at least 1");
    require(c4.minSentences() >= 0, S + "c4.minSentences", "must not be negative");
    var w = f.fineweb();
    fraction(w.minLinePunctRatio(), S + "fineweb.minLinePunctRatio");
    fraction(w.maxShortLineRatio(), S + "fineweb.maxShortLineRatio");
    require(w.shortLineChars() >= 1, S + "fineweb.shortLineChars", "must be at least 1");
    fraction(w.maxDupLineCharRatio(), S + "fineweb.maxDupLineCharRatio");
    require(w.maxNewlinesPerWord() > 0, S + "fineweb.maxNewlinesPerWord", "must be positive");
    var p = f.pii();
    for (int i = 0; i < p.kinds().size(); i++) {
      require(PII_KINDS.contains(p.kinds().get(i)), S + "pii.kinds[" + i + "]",
          "'" + p.kinds().get(i) + "' is not a PII kind; known: " + String.join(", ", PII_KINDS));
    }
    require(p.minSecretEntropy() >= 0, S + "pii.minSecretEntropy", "must not be negative");
    require(p.minSecretLength() >= 1, S + "pii.minSecretLength", "must be at least 1");
    var t = f.toxicity();
    for (int i = 0; i < t.languages().size(); i++) {
      require(TOXICITY_LANGUAGES.contains(t.languages().get(i)), S + "toxicity.languages[" + i + "]",
          "has no bundled lexicon; bundled: " + String.join(", ", TOXICITY_LANGUAGES));
    }
    require(t.ldnoobwWeight() >= 0, S + "toxicity.ldnoobwWeight", "must not be negative");
    require(t.cussWeights().size() == 3 && t.cussWeights().stream().allMatch(x -> x >= 0),
        S + "toxicity.cussWeights", "must be 3 non-negative weights, for ratings 0, 1, 2");
    require(t.maxScore() >= 0, S + "toxicity.maxScore", "must not be negative");
    require(t.minHits() >= 1, S + "toxicity.minHits", "must be at least 1");
    var c = f.copyright();
    policy(c.licensePolicy(), S + "copyright.licensePolicy");
    policy(c.noticePolicy(), S + "copyright.noticePolicy");
    policy(c.optOutPolicy(), S + "copyright.optOutPolicy");
    policy(c.protectedPolicy(), S + "copyright.protectedPolicy");
    fraction(c.minLicenseContainment(), S + "copyright.minLicenseContainment");
    fraction(c.maxProtectedOverlap(), S + "copyright.maxProtectedOverlap");
    for (int i = 0; i < c.optOutDomains().size(); i++) {
      require(c.optOutDomains().get(i).matches("(?i)[a-z0-9-]+(\\.[a-z0-9-]+)+"),
          S + "copyright.optOutDomains[" + i + "]", "must be a domain such as example.com");
    }
    require(c.protectedDir().isBlank() || Files.isDirectory(Path.of(c.protectedDir())),
        S + "copyright.protectedDir", "is not a folder: " + c.protectedDir());
    // data.filterSettings.decontaminate: its record checks its values as it is made.
    fuzzyDedup(f.fuzzyDedup());
  }

  private static void fuzzyDedup(FuzzyDedupSettings d) {
    require(d.shingle() != null, S + "fuzzyDedup.shingle",
        "must be word or char");
    require(d.shingleSize() >= 1 && d.shingleSize() <= 1000, S + "fuzzyDedup.shingleSize",
        "must be between 1 and 1000");
    require(d.bands() >= 1, S + "fuzzyDedup.bands", "must be at least 1");
    require(d.rows() >= 1 && (long) d.bands() * d.rows() <= 4096, S + "fuzzyDedup.rows",
        "must be at least 1, with bands × rows at most 4096");
    fraction(d.minJaccard(), S + "fuzzyDedup.minJaccard");
    require(d.maxRounds() >= 1 && d.maxRounds() <= 64, S + "fuzzyDedup.maxRounds",
        "must be between 1 and 64");
  }

  private static void fraction(double v, String key) {
    require(v >= 0 && v <= 1, key, "must be between 0 and 1");
  }

  private static void fractions(List<Double> vs, int n, String key, String what) {
    require(vs.size() == n && vs.stream().allMatch(v -> v >= 0 && v <= 1), key,
        "must be " + n + " values between 0 and 1, for " + what);
  }

  private static void policy(String v, String key) {
    require("drop".equals(v) || "tag".equals(v), key, "must be drop or tag");
  }

  private static void language(LanguageSettings lang) {
    Set<String> known = LinguaIdentifier.KNOWN;
    require(!lang.allow().isEmpty() && known.containsAll(lang.allow()), S + "language.allow",
        "must list ISO 639-1 codes the detector knows, such as en, de; known: " + String.join(", ", new TreeSet<>(known)));
    require(lang.minShare() > 0 && lang.minShare() <= 1, S + "language.minShare", "must be in (0, 1]");
    require(known.containsAll(lang.candidates()) && lang.candidates().containsAll(lang.allow()),
        S + "language.candidates", "must be ISO 639-1 codes the detector knows, including every allowed one");
    require(lang.accuracy() != null, S + "language.accuracy",
        "must be high or low");
    require(lang.sampleChars() >= 200, S + "language.sampleChars", "must be at least 200");
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new ConfigException("key '" + key + "' " + problem);
    }
  }
}
