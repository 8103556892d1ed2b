package dev.smelt.pipeline.language;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Lingua's two modes: {@code high} scores 1- to 5-grams (slower, ~2 GB with all 75 languages),
 * {@code low} trigrams only (less memory and time, a little less accurate on short text).
 */
public enum DetectorAccuracy {
  HIGH, LOW;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException naming the key and the values it takes */
  @JsonCreator
  public static DetectorAccuracy of(String key) {
    for (DetectorAccuracy a : values()) {
      if (a.key().equals(key)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "data.filterSettings.language.accuracy: '" + key + "' is not one of high, low");
  }
}
