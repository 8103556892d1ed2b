package dev.smelt.settings.filter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.smelt.settings.SettingsException;
import java.util.Locale;

/**
 * Lingua's two modes: {@code high} scores 1- to 5-grams (1.4 GB of models for all 75 languages),
 * {@code low} trigrams only (65 MB); on documents of 200+ characters they answered alike, high
 * only helps under 200 (docs/language-id.md).
 */
public enum DetectorAccuracy {
  HIGH, LOW;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws SettingsException naming the key and the values it takes */
  @JsonCreator
  public static DetectorAccuracy of(String key) {
    for (DetectorAccuracy a : values()) {
      if (a.key().equals(key)) {
        return a;
      }
    }
    throw new SettingsException("data.filterSettings.language.accuracy", "must be high or low, not '" + key + "'");
  }
}
