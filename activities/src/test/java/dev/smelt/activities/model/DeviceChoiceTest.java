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

  @Test
  void autoAndGpuNameEveryGpuForDataParallelTraining() {
    int gpus = Engine.getInstance().getGpuCount();
    assertEquals(java.util.List.of(Device.cpu()), DeviceChoice.resolveAll("cpu"));
    assertEquals(Math.max(1, gpus), DeviceChoice.resolveAll("auto").size());
    for (int i = 0; i < gpus; i++) {
      assertEquals(Device.gpu(i), DeviceChoice.resolveAll("gpu").get(i));
    }
  }
}
