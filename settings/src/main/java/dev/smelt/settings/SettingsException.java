package dev.smelt.settings;

/** A settings value a user can fix; the message is one line naming the key. */
public class SettingsException extends IllegalArgumentException {
  private final String key;

  public SettingsException(String key, String problem) {
    super("key '" + key + "' " + problem);
    this.key = key;
  }

  /** The dotted config key, e.g. {@code data.filterSettings.language.minShare}. */
  public String key() {
    return key;
  }
}
