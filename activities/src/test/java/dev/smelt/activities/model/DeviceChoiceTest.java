package dev.smelt.activities.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {
  @Test
  void autoTakesAGpuOnlyWhenOneIsVisibleAndGpuWithoutOneNamesTheKey() {
    boolean gpu = Engine.getInstance().getGpuCount() > 0;
    assertEquals(Device.cpu(), DeviceChoice.resolve("cpu"));
    assertEquals(gpu ? Device.gpu() : Device.cpu(), DeviceChoice.resolve("auto"));
    if (gpu) {
      assertEquals(Device.gpu(), DeviceChoice.resolve("gpu"));
    } else {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DeviceChoice.resolve("gpu"));
      assertTrue(e.getMessage().contains("pretrain.device"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> DeviceChoice.resolve("tpu"));
  }
}
