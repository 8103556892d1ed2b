package dev.smelt.pipeline.data;

import dev.smelt.pipeline.copyright.CopyrightFilter;
import dev.smelt.pipeline.decontaminate.DecontaminateFilter;
import dev.smelt.pipeline.dedup.minhash.FuzzyDedupSettings;
import dev.smelt.pipeline.language.LanguageFilter;
import dev.smelt.pipeline.pii.PiiRedactor;
import dev.smelt.pipeline.quality.C4Filter;
import dev.smelt.pipeline.quality.FineWebFilter;
import dev.smelt.pipeline.quality.GopherQualityFilter;
import dev.smelt.pipeline.quality.GopherRepetitionFilter;
import dev.smelt.pipeline.toxicity.ToxicityFilter;
import java.io.Serializable;

/**
 * The thresholds of every filter the chain can run. Field names match the run config's
 * {@code data.filterSettings} (workflows' FilterSettings), so one converts into the other by name.
 */
public record FilterSettings(
    LanguageFilter.Settings language,
    GopherQualityFilter.Thresholds gopherQuality,
    GopherRepetitionFilter.Thresholds gopherRepetition,
    C4Filter.Thresholds c4,
    FineWebFilter.Thresholds fineweb,
    PiiRedactor.Settings pii,
    ToxicityFilter.Settings toxicity,
    CopyrightFilter.Settings copyright,
    FuzzyDedupSettings fuzzyDedup,
    DecontaminateFilter.Settings decontaminate) implements Serializable {

  public static final FilterSettings DEFAULTS = new FilterSettings(
      LanguageFilter.Settings.DEFAULTS, GopherQualityFilter.Thresholds.DEFAULTS,
      GopherRepetitionFilter.Thresholds.DEFAULTS, C4Filter.Thresholds.DEFAULTS,
      FineWebFilter.Thresholds.DEFAULTS, PiiRedactor.Settings.DEFAULTS,
      ToxicityFilter.Settings.DEFAULTS, CopyrightFilter.Settings.DEFAULTS,
      FuzzyDedupSettings.DEFAULTS, DecontaminateFilter.Settings.DEFAULTS);
}
