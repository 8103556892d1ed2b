package dev.smelt.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Config spellings are lower-case names; a wrong one is refused naming the key and the choices. */
class ConfigEnumsTest {
  private enum Three { ONE, TWO, THREE }

  @Test
  void readsTheLowerCaseNameBack() {
    assertEquals("two", ConfigEnums.key(Three.TWO));
    assertEquals(Three.THREE, ConfigEnums.parse(Three.class, "three", "a.b"));
    assertEquals(Pooling.MEAN, Pooling.of("mean"));
  }

  @Test
  void refusesOtherSpellingsNamingKeyAndChoices() {
    SettingsException e = assertThrows(SettingsException.class,
        () -> ConfigEnums.parse(Three.class, "TWO", "a.b"));
    assertEquals("key 'a.b' must be one, two or three, not 'TWO'", e.getMessage());
    assertEquals("key 'finetune.pooling' must be last or mean, not 'max'",
        assertThrows(SettingsException.class, () -> Pooling.of("max")).getMessage());
  }
}
