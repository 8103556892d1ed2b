package dev.smelt.settings.filter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.smelt.settings.ConfigEnums;
import dev.smelt.settings.SettingsException;

/**
 * Lingua's two modes: {@code high} scores 1- to 5-grams (1.4 GB of models for all 75 languages),
 * {@code low} trigrams only (65 MB); on documents of 200+ characters they answered alike, high
 * only helps under 200 (docs/language-id.md).
 */
public enum DetectorAccuracy {
  HIGH, LOW;

  @JsonValue
  public String key() {
    return ConfigEnums.key(this);
  }

  /** @throws SettingsException naming the key and the values it takes */
  @JsonCreator
  public static DetectorAccuracy of(String key) {
    return ConfigEnums.parse(DetectorAccuracy.class, key, "data.filterSettings.language.accuracy");
  }
}
