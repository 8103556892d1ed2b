package dev.smelt.activities.pretrain;

import dev.smelt.activities.eval.MaskedLmScore;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.TokenMasking;
import java.util.List;

/**
 * BERT-style masked LM: the window's own tokens, masked with the RNG of (seed, step), are the
 * input; only selected positions are scored. Validation masks val windows with a fixed seed.
 */
final class MaskedObjective implements Objective {
  private final double probability;
  private final int vocabSize;
  private final long seed;

  MaskedObjective(double probability, int vocabSize, long seed) {
    this.probability = probability;
    this.vocabSize = vocabSize;
    this.seed = seed;
  }

  @Override
  public boolean bidirectional() {
    return true;
  }

  @Override
  public StepBatch prepare(TokenBatch w, int step) {
    TokenMasking.Masked m = TokenMasking.mask(w.inputs(), probability, vocabSize, seed, step);
    return new StepBatch(m.inputs(), m.targets(), m.weights(), w.rows(), w.length(), m.selected());
  }

  @Override
  public double validationLoss(Gpt gpt, List<int[]> valDocs, int batchSize) {
    return MaskedLmScore.evaluate(gpt, valDocs, batchSize, Pretrainer.VAL_WINDOWS, probability)
        .loss();
  }
}
