package dev.smelt.activities.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run in a fresh JVM by {@link ExportReloadTest}: loads a model folder and prints the raw bits of
 * its logits for the given tokens, one int per line.
 */
public final class PrintLogits {
  private PrintLogits() {}

  public static void main(String[] args) throws Exception {
    long[] tokens = Arrays.stream(args).skip(1).mapToLong(Long::parseLong).toArray();
    try (NDManager root = NDManager.newBaseManager();
        Gpt gpt = GptFiles.read(Path.of(args[0]), root).gpt();
        NDManager step = gpt.manager().newSubManager()) {
      float[] logits = logits(gpt, tokens, step);
      StringBuilder out = new StringBuilder();
      for (float f : logits) {
        out.append(Float.floatToRawIntBits(f)).append('\n');
      }
      System.out.print(out);
    }
  }

  static float[] logits(Gpt gpt, long[] tokens, NDManager step) {
    return gpt.logits(step.create(tokens, new Shape(1, tokens.length)), false).toFloatArray();
  }
}
