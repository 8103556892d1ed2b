package dev.smelt.activities.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.smelt.activities.model.Gpt;
import dev.smelt.settings.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskedLmScoreTest {
  @Test
  void untrainedModelScoresNearUniformAndTheSameOnEveryCall() {
    int vocab = 64;
    int[] doc = new int[200];
    for (int i = 0; i < doc.length; i++) {
      doc[i] = 4 + (i * 13) % (vocab - 4);
    }
    try (NDManager m = NDManager.newBaseManager();
        Gpt gpt = new Gpt(new ModelConfig("custom", 1, 2, 16, 16, 0.1), vocab, true, 1, m)) {
      MaskedLmScore.Result r = MaskedLmScore.evaluate(gpt, List.of(doc), 4, 0, 0.15);
      assertEquals(12, r.windows()); // 200 / 16
      assertTrue(r.selected() > 10 && r.selected() < 60, "selected " + r.selected());
      assertEquals(Math.log(vocab), r.loss(), 0.1, "tiny random weights: about uniform");
      assertTrue(r.accuracy() < 0.2, "accuracy " + r.accuracy());
      assertEquals(r, MaskedLmScore.evaluate(gpt, List.of(doc), 4, 0, 0.15), "fixed masking seed");

      MaskedLmScore.Pseudo p = MaskedLmScore.pseudoPerplexity(gpt, List.of(doc), 5, 3);
      assertEquals(3 * 16, p.tokens(), "every position of every window, once");
      assertEquals(vocab, p.pseudoPerplexity(), vocab * 0.15);
      assertEquals(p.loss(), MaskedLmScore.pseudoPerplexity(gpt, List.of(doc), 16, 3).loss(), 1e-5,
          "batching does not change the number");
    }
  }
}
