package dev.smelt.activities.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.smelt.settings.ModelConfig;

/**
 * A BERT-style masked language model: the {@link Gpt} body with its causal mask dropped (every
 * position sees the whole window) and the same LM head tied to the token embedding, trained to
 * name the original token at the positions {@link TokenMasking} selected. Saved, it is a GPT-2
 * shaped folder whose {@code config.json} says {@code smelt.bidirectional: true}.
 */
public final class MaskedLm {
  private MaskedLm() {}

  /** A fresh bidirectional body with its tied head. */
  public static Gpt create(ModelConfig config, int vocabSize, long seed, NDManager parent,
      Device device) {
    return new Gpt(config, vocabSize, true, seed, parent, device);
  }

  /** Negative log-likelihood of the targets summed over positions of weight 1, as a scalar. */
  public static NDArray selectedNllSum(NDArray logits, NDArray targets, NDArray weights) {
    NDArray nll = logits.logSoftmax(-1).gather(targets.expandDims(-1), -1).squeeze(-1).neg();
    return nll.mul(weights).sum();
  }

  /** How many selected positions the model's top guess names correctly. */
  public static long correct(NDArray logits, NDArray targets, NDArray weights) {
    NDArray right = logits.argMax(-1).eq(targets).toType(weights.getDataType(), false);
    return Math.round(right.mul(weights).sum().getFloat());
  }
}
