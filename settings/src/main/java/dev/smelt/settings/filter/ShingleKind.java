package dev.smelt.settings.filter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.smelt.settings.ConfigEnums;
import dev.smelt.settings.SettingsException;

/**
 * What a shingle is: {@link #WORD} n-grams of lower-cased letter/digit runs (DataTrove/FineWeb: 5
 * words) or {@link #CHAR} n-grams of lower-cased characters (NeMo Curator: 24 chars). The hashing
 * is the pipeline's ({@code ShingleHashes}).
 */
public enum ShingleKind {
  WORD,
  CHAR;

  /** How the run config spells it: {@code word} or {@code char}. */
  @JsonValue
  public String configName() {
    return ConfigEnums.key(this);
  }

  /** @throws SettingsException naming data.filterSettings.fuzzyDedup.shingle */
  @JsonCreator
  public static ShingleKind fromConfig(String name) {
    return ConfigEnums.parse(ShingleKind.class, name, "data.filterSettings.fuzzyDedup.shingle");
  }
}
