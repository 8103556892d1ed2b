package dev.smelt.activities.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;

/** Turns the {@code pretrain.device} setting into a DJL device. */
public final class DeviceChoice {
  private DeviceChoice() {}

  /** "auto": the first GPU when DJL sees one, else the CPU; "gpu" with none visible is an error. */
  public static Device resolve(String setting) {
    return resolveAll(setting).get(0);
  }

  /**
   * Every device the setting names: all GPUs of this worker for "gpu" (an error when there are
   * none) and for "auto" when there are any, else the CPU.
   */
  public static List<Device> resolveAll(String setting) {
    int gpus = Engine.getInstance().getGpuCount();
    return switch (setting) {
      case "cpu" -> List.of(Device.cpu());
      case "auto" -> gpus > 0 ? gpus(gpus) : List.of(Device.cpu());
      case "gpu" -> {
        if (gpus == 0) {
          throw new IllegalArgumentException("key 'pretrain.device' is gpu, but DJL sees no GPU "
              + "on this worker (no CUDA device, or a CPU-only PyTorch native library); "
              + "set pretrain.device to auto or cpu");
        }
        yield gpus(gpus);
      }
      default -> throw new IllegalArgumentException(
          "key 'pretrain.device' must be auto, cpu or gpu, got '" + setting + "'");
    };
  }

  private static List<Device> gpus(int count) {
    List<Device> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(Device.gpu(i));
    }
    return out;
  }
}
