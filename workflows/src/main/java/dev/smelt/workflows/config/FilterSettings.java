package dev.smelt.workflows.config;

import java.util.List;

/**
 * Thresholds of the data filters ({@code data.filterSettings}); defaults and their sources are in
 * smelt-defaults.yaml. Names match the pipeline's own settings records, which these convert into.
 */
public record FilterSettings(
    Language language,
    GopherQuality gopherQuality,
    GopherRepetition gopherRepetition,
    C4 c4,
    Fineweb fineweb,
    Pii pii,
    Toxicity toxicity,
    Copyright copyright,
    FuzzyDedup fuzzyDedup,
    Decontaminate decontaminate) {

  /**
   * Language identification (Lingua): keep documents whose prose is at least {@code minShare}
   * (by letters) in the allowed languages; {@code candidates} are the languages told apart,
   * {@code accuracy} is high or low, {@code sampleChars} bounds the prose judged per document.
   */
  public record Language(List<String> allow, double minShare, List<String> candidates, String accuracy,
      int sampleChars) {}

  /** Gopher quality rules (Rae et al. 2021). */
  public record GopherQuality(
      int minWords, int maxWords, double minMeanWordLength, double maxMeanWordLength,
      double maxSymbolWordRatio, double maxBulletLinesRatio, double maxEllipsisLinesRatio,
      double minAlphaWordsRatio, int minStopWords) {}

  /** Gopher repetition rules; n-gram lists are for n = 2..4 and n = 5..10. */
  public record GopherRepetition(
      double maxDupLineFraction, double maxDupParagraphFraction, double maxDupLineCharFraction,
      double maxDupParagraphCharFraction, List<Double> maxTopNgramCharFraction,
      List<Double> maxDupNgramCharFraction) {}

  /** C4 rules (Raffel et al. 2020): line rules remove lines, document rules reject. */
  public record C4(
      int minWordsPerLine, int maxWordLength, int minSentences, boolean lineEndPunctuation,
      boolean removeJavascript, boolean removePolicy, boolean rejectLoremIpsum,
      boolean rejectCurlyBracket) {}

  /** FineWeb rules (Penedo et al. 2024). */
  public record Fineweb(
      double minLinePunctRatio, double maxShortLineRatio, int shortLineChars,
      double maxDupLineCharRatio, double maxNewlinesPerWord) {}

  /** PII redaction: which kinds, and when a key=value value counts as a secret. */
  public record Pii(List<String> kinds, double minSecretEntropy, int minSecretLength) {}

  /** Lexicon toxicity. */
  public record Toxicity(
      List<String> languages, double ldnoobwWeight, List<Double> cussWeights, double maxScore,
      int minHits) {}

  /** Copyright and licensing; every policy is "drop" or "tag". */
  public record Copyright(
      String licensePolicy, double minLicenseContainment, String noticePolicy, String optOutPolicy,
      List<String> optOutSources, List<String> optOutDomains, String protectedPolicy,
      String protectedDir, double maxProtectedOverlap) {}

  /** MinHash-LSH near-duplicate removal; shingle is "word" or "char". */
  public record FuzzyDedup(
      String shingle, int shingleSize, int bands, int rows, long seed, double minJaccard,
      int maxRounds) {}

  /** Overlap with the run's evaluation texts: word n-gram length, drop or tag, Bloom rate. */
  public record Decontaminate(int ngram, String policy, double falsePositiveRate) {}
}
