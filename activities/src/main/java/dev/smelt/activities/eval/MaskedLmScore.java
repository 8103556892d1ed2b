package dev.smelt.activities.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.MaskedLm;
import dev.smelt.activities.model.TokenMasking;
import java.util.ArrayList;
import java.util.Arrays;
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
  public static Result evaluate(Gpt gpt, List<int[]> docs, int batchSize, int maxWindows,
      double maskProbability) {
    List<long[]> windows = windows(gpt, docs, maxWindows);
    double nll = 0;
    long right = 0;
    long selected = 0;
    for (int first = 0; first < windows.size(); first += batchSize) {
      List<long[]> rows = windows.subList(first, Math.min(windows.size(), first + batchSize));
      TokenMasking.Masked m = TokenMasking.mask(flatten(rows), maskProbability, gpt.vocabSize(),
          EVAL_SEED, first);
      try (NDManager step = gpt.manager().newSubManager()) {
        Shape shape = new Shape(rows.size(), rows.get(0).length);
        NDArray logits = gpt.logits(step.create(m.inputs(), shape), false);
        NDArray targets = step.create(m.targets(), shape);
        NDArray weights = step.create(m.weights(), shape);
        nll += MaskedLm.selectedNllSum(logits, targets, weights).getFloat();
        right += MaskedLm.correct(logits, targets, weights);
        selected += m.selected();
      }
    }
    return new Result(nll / selected, (double) right / selected, selected, windows.size());
  }

  /** Pseudo-perplexity: one forward pass per position of each window, its token masked alone. */
  public static Pseudo pseudoPerplexity(Gpt gpt, List<int[]> docs, int batchSize, int maxWindows) {
    List<long[]> windows = windows(gpt, docs, maxWindows);
    double nll = 0;
    long tokens = 0;
    for (long[] w : windows) {
      int len = w.length;
      for (int firstPos = 0; firstPos < len; firstPos += batchSize) {
        int rows = Math.min(batchSize, len - firstPos);
        long[] inputs = new long[rows * len];
        float[] weights = new float[rows * len];
        for (int r = 0; r < rows; r++) {
          System.arraycopy(w, 0, inputs, r * len, len);
          inputs[r * len + firstPos + r] = TokenMasking.MASK_ID;
          weights[r * len + firstPos + r] = 1f;
        }
        long[] targets = flatten(java.util.Collections.nCopies(rows, w));
        try (NDManager step = gpt.manager().newSubManager()) {
          Shape shape = new Shape(rows, len);
          NDArray logits = gpt.logits(step.create(inputs, shape), false);
          nll += MaskedLm.selectedNllSum(logits, step.create(targets, shape),
              step.create(weights, shape)).getFloat();
        }
        tokens += rows;
      }
    }
    double loss = nll / tokens;
    return new Pseudo(loss, Math.exp(loss), tokens, windows.size());
  }

  private static List<long[]> windows(Gpt gpt, List<int[]> docs, int maxWindows) {
    long[] stream = docs.stream().flatMapToInt(Arrays::stream).asLongStream().toArray();
    int len = Math.min(gpt.config().contextLength(), stream.length);
    if (len < 1) {
      throw new IllegalArgumentException("validation data has no tokens to score");
    }
    int count = stream.length / len;
    if (maxWindows > 0) {
      count = Math.min(count, maxWindows);
    }
    List<long[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(Arrays.copyOfRange(stream, i * len, (i + 1) * len));
    }
    return out;
  }

  private static long[] flatten(List<long[]> rows) {
    long[] out = new long[rows.size() * rows.get(0).length];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, out, r * rows.get(r).length, rows.get(r).length);
    }
    return out;
  }
}
