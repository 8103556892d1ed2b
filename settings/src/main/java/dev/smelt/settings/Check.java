package dev.smelt.settings;

/**
 * The one way a settings record rejects a value: {@code Check.that(maxWords > minWords,
 * "data.filterSettings.gopherQuality.maxWords", "must exceed minWords")} throws
 * {@link SettingsException} "key 'data.filterSettings.gopherQuality.maxWords' must exceed minWords".
 */
public final class Check {
  private Check() {}

  /** @throws SettingsException naming {@code key} and {@code problem} unless {@code ok} */
  public static void that(boolean ok, String key, String problem) {
    if (!ok) {
      throw new SettingsException(key, problem);
    }
  }

  /** A share: between 0 and 1, both included. */
  public static void fraction(double value, String key) {
    that(value >= 0 && value <= 1, key, "must be between 0 and 1");
  }
}
