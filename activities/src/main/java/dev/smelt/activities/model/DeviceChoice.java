package dev.smelt.activities.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Turns the {@code pretrain.device} setting into a DJL device. */
public final class DeviceChoice {
  private DeviceChoice() {}

  /** "auto": the first GPU when DJL sees one, else the CPU; "gpu" with none visible is an error. */
  public static Device resolve(String setting) {
    int gpus = Engine.getInstance().getGpuCount();
    return switch (setting) {
      case "cpu" -> Device.cpu();
      case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
      case "gpu" -> {
        if (gpus == 0) {
          throw new IllegalArgumentException("key 'pretrain.device' is gpu, but DJL sees no GPU "
              + "on this worker (no CUDA device, or a CPU-only PyTorch native library); "
              + "set pretrain.device to auto or cpu");
        }
        yield Device.gpu();
      }
      default -> throw new IllegalArgumentException(
          "key 'pretrain.device' must be auto, cpu or gpu, got '" + setting + "'");
    };
  }
}
