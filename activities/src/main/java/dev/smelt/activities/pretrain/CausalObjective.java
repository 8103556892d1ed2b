package dev.smelt.activities.pretrain;

import dev.smelt.activities.eval.Perplexity;
import dev.smelt.activities.model.Gpt;
import java.util.List;

/** Next-token prediction: every position is scored; validation is held-out next-token loss. */
final class CausalObjective implements Objective {
  @Override
  public boolean bidirectional() {
    return false;
  }

  @Override
  public StepBatch prepare(TokenBatch w, int step) {
    return new StepBatch(w.inputs(), w.targets(), null, w.rows(), w.length(),
        (long) w.rows() * w.length());
  }

  @Override
  public double validationLoss(Gpt gpt, List<int[]> valDocs, int batchSize) {
    return Perplexity.evaluate(gpt, valDocs, batchSize, Pretrainer.VAL_WINDOWS).loss();
  }
}
