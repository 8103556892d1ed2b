package dev.smelt.activities.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.smelt.activities.model.Gpt;
import dev.smelt.workflows.stage.PermanentFailure;

/** Per-position next-token scores of one sequence under a causal LM, in one forward pass. */
final class TokenLogProbs {
  private TokenLogProbs() {}

  /** Log-probabilities and greedy (argmax) choices of each position's next token. */
  record Scored(float[] logProbOfNext, long[] argmax) {}

  /**
   * For a sequence of n ids (at most the model's context), entry i describes the prediction of
   * ids[i + 1] from ids[0..i]: n - 1 entries.
   */
  static Scored score(Gpt gpt, int[] ids) {
    int n = ids.length;
    long[] x = new long[n - 1];
    long[] y = new long[n - 1];
    for (int i = 0; i < n - 1; i++) {
      x[i] = ids[i];
      y[i] = ids[i + 1];
    }
    try (NDManager step = gpt.manager().newSubManager()) {
      NDArray logp = gpt.logits(step.create(x, new Shape(1, n - 1)), false).logSoftmax(-1);
      float[] picked = logp.gather(step.create(y, new Shape(1, n - 1)).expandDims(-1), -1)
          .toFloatArray();
      long[] argmax = logp.argMax(-1).toLongArray();
      return new Scored(picked, argmax);
    }
  }

  /** Sum of log P(suffix | prefix), both token ids, the prefix cut from the left to fit. */
  static double suffixLogProb(Gpt gpt, int[] prefix, int[] suffix, String what) {
    int[] ids = fit(gpt, prefix, suffix, what);
    float[] lp = score(gpt, ids).logProbOfNext();
    double sum = 0;
    for (int i = ids.length - suffix.length - 1; i < lp.length; i++) {
      sum += lp[i];
    }
    return sum;
  }

  /**
   * prefix ++ suffix, dropping the prefix's oldest tokens beyond the model's context. The suffix
   * must fit in the context behind at least one prefix token (its first token is predicted from
   * it); {@code what} names the suffix for the message when it does not.
   */
  static int[] fit(Gpt gpt, int[] prefix, int[] suffix, String what) {
    int context = gpt.config().contextLength();
    if (prefix.length == 0 || suffix.length == 0) {
      throw new IllegalArgumentException(what + ": an empty prefix or suffix cannot be scored");
    }
    if (suffix.length > context) {
      throw PermanentFailure.of(what + " takes " + suffix.length + " tokens, more than "
          + "model.contextLength (" + context + ") holds behind one token of context; raise "
          + "model.contextLength or tokenizer.vocabSize (a larger vocabulary has longer tokens)");
    }
    int keep = Math.min(prefix.length, gpt.config().contextLength() + 1 - suffix.length);
    int[] ids = new int[keep + suffix.length];
    System.arraycopy(prefix, prefix.length - keep, ids, 0, keep);
    System.arraycopy(suffix, 0, ids, keep, suffix.length);
    return ids;
  }
}
