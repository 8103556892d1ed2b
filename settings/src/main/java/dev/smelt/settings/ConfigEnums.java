package dev.smelt.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the run config spells an enum: its constant's name in lower case ({@code high}, {@code word}),
 * read back with an error that names the key and the values it takes.
 */
public final class ConfigEnums {
  private ConfigEnums() {}

  /** The config spelling of {@code value}: its name in lower case. */
  public static String key(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant of {@code type} spelled {@code value} in the config.
   *
   * @throws SettingsException naming {@code key}: "must be a, b or c, not 'x'"
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String value, String key) {
    E[] constants = type.getEnumConstants();
    for (E e : constants) {
      if (key(e).equals(value)) {
        return e;
      }
    }
    List<String> names = Arrays.stream(constants).map(ConfigEnums::key).toList();
    String choices = names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    throw new SettingsException(key, "must be " + choices + ", not '" + value + "'");
  }
}
