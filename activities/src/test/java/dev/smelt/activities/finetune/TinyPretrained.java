package dev.smelt.activities.finetune;

import ai.djl.ndarray.NDManager;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.settings.ModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A small causal GPT (vocabulary 24, seed 1) saved as a pre-training final/ folder. */
public final class TinyPretrained {
  private TinyPretrained() {}

  public static Path write(Path dir, ModelConfig shape) throws IOException {
    try (NDManager m = NDManager.newBaseManager();
        Gpt gpt = new Gpt(shape, 24, false, 1, m)) {
      GptFiles.write(dir, gpt, Map.of(), Map.of());
    }
    return dir;
  }
}
