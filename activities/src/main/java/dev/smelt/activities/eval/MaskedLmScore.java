package dev.smelt.activities.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.MaskedLm;
import dev.smelt.activities.model.TokenMasking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Scores a masked LM on held-out text cut into consecutive windows of the model's context, like
 * {@link Perplexity}: masked-token loss and accuracy under BERT masking with a fixed seed, and
 * pseudo-perplexity (Salazar et al. 2020: mask each position alone, score its original token).
 * The same inputs give the same numbers on every call.
 */
public final class MaskedLmScore {
  /** Masking seed of every evaluation, so numbers compare across steps and runs. */
  public static final long EVAL_SEED = 0x5EEDL;

  private MaskedLmScore() {}

  /** Mean NLL and top-1 accuracy over {@code selected} masked tokens. */
  public record Result(double loss, double accuracy, long selected, int windows) {}

  /** Pseudo-log-likelihood loss per token and its exponent, pseudo-perplexity. */
  public record Pseudo(double loss, double pseudoPerplexity, long tokens, int windows) {}

  /** Masked-token loss and accuracy over up to {@code maxWindows} windows (0 or less: all). */
  public static Result evaluate(Gpt gpt, TokenDocs docs, int batchSize, int maxWindows,
      double maskProbability) throws IOException {
    double[] nll = {0};
    long[] right = {0};
    long[] selected = {0};
    TokenWindows.Count n = TokenWindows.batches(docs, gpt.config().contextLength(), 0, batchSize,
        maxWindows, (first, rows, len, windows) -> {
          TokenMasking.Masked m = TokenMasking.mask(windows, maskProbability, gpt.vocabSize(),
              EVAL_SEED, first);
          try (NDManager step = gpt.manager().newSubManager()) {
            Shape shape = new Shape(rows, len);
            NDArray logits = gpt.logits(step.create(m.inputs(), shape), false);
            NDArray targets = step.create(m.targets(), shape);
            NDArray weights = step.create(m.weights(), shape);
            nll[0] += MaskedLm.selectedNllSum(logits, targets, weights).getFloat();
            right[0] += MaskedLm.correct(logits, targets, weights);
            selected[0] += m.selected();
          }
        });
    return new Result(nll[0] / selected[0], (double) right[0] / selected[0], selected[0],
        n.windows());
  }

  /** As {@link #evaluate(Gpt, TokenDocs, int, int, double)} over documents in memory. */
  public static Result evaluate(Gpt gpt, List<int[]> docs, int batchSize, int maxWindows,
      double maskProbability) {
    return inMemory(() -> evaluate(gpt, TokenDocs.of(docs), batchSize, maxWindows,
        maskProbability));
  }

  /** Pseudo-perplexity: one forward pass per position of each window, its token masked alone. */
  public static Pseudo pseudoPerplexity(Gpt gpt, TokenDocs docs, int batchSize, int maxWindows)
      throws IOException {
    double[] nll = {0};
    long[] tokens = {0};
    // windows are read one at a time (a batch of one): each is batchSize forward passes already
    TokenWindows.Count n = TokenWindows.batches(docs, gpt.config().contextLength(), 0, 1,
        maxWindows, (first, rows, len, w) -> {
          for (int firstPos = 0; firstPos < len; firstPos += batchSize) {
            int batch = Math.min(batchSize, len - firstPos);
            long[] inputs = new long[batch * len];
            long[] targets = new long[batch * len];
            float[] weights = new float[batch * len];
            for (int r = 0; r < batch; r++) {
              System.arraycopy(w, 0, inputs, r * len, len);
              System.arraycopy(w, 0, targets, r * len, len);
              inputs[r * len + firstPos + r] = TokenMasking.MASK_ID;
              weights[r * len + firstPos + r] = 1f;
            }
            try (NDManager step = gpt.manager().newSubManager()) {
              Shape shape = new Shape(batch, len);
              NDArray logits = gpt.logits(step.create(inputs, shape), false);
              nll[0] += MaskedLm.selectedNllSum(logits, step.create(targets, shape),
                  step.create(weights, shape)).getFloat();
            }
            tokens[0] += batch;
          }
        });
    double loss = nll[0] / tokens[0];
    return new Pseudo(loss, Math.exp(loss), tokens[0], n.windows());
  }

  /** As {@link #pseudoPerplexity(Gpt, TokenDocs, int, int)} over documents in memory. */
  public static Pseudo pseudoPerplexity(Gpt gpt, List<int[]> docs, int batchSize, int maxWindows) {
    return inMemory(() -> pseudoPerplexity(gpt, TokenDocs.of(docs), batchSize, maxWindows));
  }

  private interface Scoring<T> {
    T run() throws IOException;
  }

  private static <T> T inMemory(Scoring<T> scoring) {
    try {
      return scoring.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a list reads no files
    }
  }
}
