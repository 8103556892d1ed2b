package dev.smelt.activities.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.smelt.activities.model.CrossEntropy;
import dev.smelt.activities.model.Gpt;
import java.util.List;

/**
 * Mean next-token negative log-likelihood over held-out text, and its exponent, perplexity. The
 * documents are concatenated and cut into consecutive, non-overlapping windows of the model's
 * context (in order, no shuffling), so the number is the same on every call. {@link ScoredText}
 * counts the bytes and words of exactly the tokens scored, for bits per byte ({@link TextLikelihood}).
 */
public final class Perplexity {
  private Perplexity() {}

  public record Result(double loss, double perplexity, long tokens, int windows) {}

  /** Evaluates up to {@code maxWindows} windows (0 or less: all of them), {@code batchSize} at once. */
  public static Result evaluate(Gpt gpt, List<int[]> docs, int batchSize, int maxWindows) {
    int[] stream = docs.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    int len = Math.min(gpt.config().contextLength(), stream.length - 1);
    if (len < 1) {
      throw new IllegalArgumentException("validation data has " + stream.length
          + " tokens; at least 2 are needed to measure a loss");
    }
    int windows = (stream.length - 1) / len;
    if (maxWindows > 0) {
      windows = Math.min(windows, maxWindows);
    }
    double nll = 0;
    for (int first = 0; first < windows; first += batchSize) {
      int rows = Math.min(batchSize, windows - first);
      long[] x = new long[rows * len];
      long[] y = new long[rows * len];
      for (int r = 0; r < rows; r++) {
        int start = (first + r) * len;
        for (int i = 0; i < len; i++) {
          x[r * len + i] = stream[start + i];
          y[r * len + i] = stream[start + i + 1];
        }
      }
      try (NDManager step = gpt.manager().newSubManager()) {
        Shape shape = new Shape(rows, len);
        nll += CrossEntropy.sum(gpt.logits(step.create(x, shape), false), step.create(y, shape))
            .getFloat();
      }
    }
    long tokens = (long) windows * len;
    double loss = nll / tokens;
    return new Result(loss, Math.exp(loss), tokens, windows);
  }
}
