package dev.smelt.activities.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import dev.smelt.activities.model.Gpt;
import dev.smelt.settings.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerplexityTest {
  @Test
  void untrainedModelIsNearlyUniformAndWindowsAreCapped() {
    int vocab = 64;
    int[] doc = new int[200];
    for (int i = 0; i < doc.length; i++) {
      doc[i] = (i * 13) % vocab;
    }
    try (NDManager m = NDManager.newBaseManager();
        Gpt gpt = new Gpt(new ModelConfig("custom", 1, 2, 16, 16, 0.1), vocab, false, 1, m)) {
      Perplexity.Result all = Perplexity.evaluate(gpt, List.of(doc), 4, 0);
      assertEquals(12, all.windows()); // (200 - 1) / 16
      assertEquals(12 * 16, all.tokens());
      assertEquals(Math.log(vocab), all.loss(), 0.05, "tiny random weights: about uniform");
      assertEquals(Math.exp(all.loss()), all.perplexity(), 1e-9);
      Perplexity.Result capped = Perplexity.evaluate(gpt, List.of(doc), 4, 5);
      assertEquals(5, capped.windows());
      assertEquals(capped.loss(), Perplexity.evaluate(gpt, List.of(doc), 2, 5).loss(), 1e-5,
          "batching does not change the number");
      assertThrows(IllegalArgumentException.class,
          () -> Perplexity.evaluate(gpt, List.of(new int[] {3}), 4, 0));
    }
  }
}
