package dev.smelt.activities.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.smelt.settings.ModelConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GptTest {
  static final ModelConfig SHAPE = new ModelConfig("custom", 2, 4, 32, 8, 0.0);
  @TempDir Path tmp;

  @Test
  void countsParametersLikeGpt2() {
    try (NDManager m = NDManager.newBaseManager(); Gpt gpt = new Gpt(SHAPE, 50, false, 1, m)) {
      assertEquals(Gpt.parameterCount(SHAPE, 50), gpt.parameterCount());
      assertEquals(new Shape(32, 96), gpt.parameters().get("h.1.attn.c_attn.weight").getShape());
      assertEquals(new Shape(128, 32), gpt.parameters().get("h.0.mlp.c_proj.weight").getShape());
    }
  }

  @Test
  void presetGpt2HasTheKnownParameterCount() {
    assertEquals(124_439_808L, Gpt.parameterCount(ModelPresets.of("gpt2-124m"), 50257));
    assertThrows(IllegalArgumentException.class, () -> ModelPresets.of("huge"));
  }

  @Test
  void causalModelIgnoresFutureTokensAndBidirectionalDoesNot() {
    for (boolean bidirectional : new boolean[] {false, true}) {
      try (NDManager m = NDManager.newBaseManager();
          Gpt gpt = new Gpt(SHAPE, 50, bidirectional, 3, m)) {
        NDArray a = gpt.logits(m.create(new long[] {5, 6, 7, 8, 9}, new Shape(1, 5)), false);
        NDArray b = gpt.logits(m.create(new long[] {5, 6, 7, 8, 40}, new Shape(1, 5)), false);
        assertEquals(new Shape(1, 5, 50), a.getShape());
        float[] firstA = a.get(new NDIndex(":, 0:4, :")).toFloatArray();
        float[] firstB = b.get(new NDIndex(":, 0:4, :")).toFloatArray();
        if (bidirectional) {
          assertFalse(java.util.Arrays.equals(firstA, firstB));
        } else {
          assertArrayEquals(firstA, firstB);
        }
      }
    }
  }

  @Test
  void outputHeadIsTiedToTheTokenEmbedding() {
    try (NDManager m = NDManager.newBaseManager(); Gpt gpt = new Gpt(SHAPE, 50, false, 3, m)) {
      NDArray tokens = m.create(new long[] {1, 2, 3}, new Shape(1, 3));
      NDArray viaHidden = gpt.hidden(tokens, false).matMul(gpt.parameters().get("wte.weight").transpose());
      assertArrayEquals(viaHidden.toFloatArray(), gpt.logits(tokens, false).toFloatArray(), 1e-5f);
    }
  }

  @Test
  void savedFolderLoadsToTheSameLogits() throws Exception {
    try (NDManager m = NDManager.newBaseManager(); Gpt gpt = new Gpt(SHAPE, 50, false, 3, m)) {
      GptFiles.write(tmp, gpt, Map.of(), Map.of());
      GptFiles.Loaded back = GptFiles.read(tmp, m);
      NDArray tokens = m.create(new long[] {1, 2, 3}, new Shape(1, 3));
      assertArrayEquals(gpt.logits(tokens, false).toFloatArray(),
          back.gpt().logits(tokens, false).toFloatArray());
      assertEquals("gpt2", back.config().get("model_type").asText());
      back.gpt().close();
    }
  }

  @Test
  void trainingStepsDoNotLeaveArraysBehindInTheModelManager() throws Exception {
    try (NDManager m = NDManager.newBaseManager();
        Gpt gpt = new Gpt(new ModelConfig("custom", 1, 2, 16, 8, 0.1), 30, false, 3, m)) {
      var opt = dev.smelt.activities.pretrain.AdamW.gptDefaults(gpt.parameters(), 0.1);
      int after1 = 0;
      for (int step = 1; step <= 4; step++) {
        try (NDManager sub = gpt.manager().newSubManager()) {
          NDArray x = sub.create(new long[] {1, 2, 3, 4}, new Shape(1, 4));
          try (var gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            gc.backward(CrossEntropy.mean(gpt.logits(x, true), x));
          }
          var grads = dev.smelt.activities.pretrain.Gradients.of(gpt.parameters(), sub);
          dev.smelt.activities.pretrain.GradClip.clip(grads.values(), 1.0);
          opt.step(grads, 1e-3);
          dev.smelt.activities.pretrain.Gradients.zero(grads);
        }
        if (step == 1) {
          after1 = gpt.manager().getManagedArrays().size();
        }
      }
      assertEquals(after1, gpt.manager().getManagedArrays().size());
      assertEquals(3 * gpt.parameters().size(), after1, "weights and two moments each");
    }
  }
}
