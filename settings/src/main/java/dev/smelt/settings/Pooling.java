package dev.smelt.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a classifier's head reads of the backbone's final hidden states ({@code finetune.pooling}):
 * {@link #LAST} the last real token's (the {@code <|endoftext|>} appended to every text; HF's
 * GPT2ForSequenceClassification), {@link #MEAN} the mean over every real token (padding excluded).
 */
public enum Pooling {
  LAST,
  MEAN;

  /** How the run config spells it: {@code last} or {@code mean}. */
  @JsonValue
  public String key() {
    return ConfigEnums.key(this);
  }

  /** @throws SettingsException naming finetune.pooling */
  @JsonCreator
  public static Pooling of(String key) {
    return ConfigEnums.parse(Pooling.class, key, "finetune.pooling");
  }
}
