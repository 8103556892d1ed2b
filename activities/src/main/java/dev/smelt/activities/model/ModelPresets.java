package dev.smelt.activities.model;

import dev.smelt.settings.ModelConfig;
import java.util.List;

/** Named transformer shapes. */
public final class ModelPresets {
  private ModelPresets() {}

  public static final List<String> NAMES = List.of("tiny", "small", "gpt2-124m");

  /** The shape a preset stands for; dropout 0.1 for the small ones (they overfit), 0 for GPT-2. */
  public static ModelConfig of(String name) {
    return switch (name) {
      case "tiny" -> new ModelConfig("tiny", 4, 4, 128, 128, 0.1); // a 2-core CPU demo
      case "small" -> new ModelConfig("small", 6, 6, 384, 256, 0.1); // nanoGPT's Shakespeare shape
      case "gpt2-124m" -> new ModelConfig("gpt2-124m", 12, 12, 768, 1024, 0.0);
      default -> throw new IllegalArgumentException(
          "unknown model preset '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }
}
