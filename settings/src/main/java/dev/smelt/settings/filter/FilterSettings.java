package dev.smelt.settings.filter;

import java.io.Serializable;

/**
 * The thresholds of every filter the chain can run ({@code data.filterSettings}): the run
 * config's section and what the pipeline's filters take, one record each. The user-visible
 * defaults file, infra's smelt-defaults.yaml, is held equal to {@link #DEFAULTS} by a test.
 */
public record FilterSettings(
    LanguageSettings language,
    GopherQualitySettings gopherQuality,
    GopherRepetitionSettings gopherRepetition,
    C4Settings c4,
    FineWebSettings fineweb,
    PiiSettings pii,
    ToxicitySettings toxicity,
    CopyrightSettings copyright,
    FuzzyDedupSettings fuzzyDedup,
    DecontaminateSettings decontaminate) implements Serializable {

  /** Every filter's {@code PUBLISHED} settings. */
  public static final FilterSettings DEFAULTS = new FilterSettings(
      LanguageSettings.PUBLISHED, GopherQualitySettings.PUBLISHED,
      GopherRepetitionSettings.PUBLISHED, C4Settings.PUBLISHED,
      FineWebSettings.PUBLISHED, PiiSettings.PUBLISHED,
      ToxicitySettings.PUBLISHED, CopyrightSettings.PUBLISHED,
      FuzzyDedupSettings.PUBLISHED, DecontaminateSettings.PUBLISHED);
}
