package dev.smelt.activities.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.smelt.activities.model.CrossEntropy;
import dev.smelt.activities.model.Gpt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Mean next-token negative log-likelihood over held-out text, and its exponent, perplexity. The
 * documents are concatenated and cut into consecutive, non-overlapping windows of the model's
 * context (in order, no shuffling), so the number is the same on every call; they stream past a
 * batch of windows at a time ({@link TokenWindows}). {@link ScoredText} counts the bytes and words
 * of exactly the tokens scored, for bits per byte ({@link TextLikelihood}).
 */
public final class Perplexity {
  private Perplexity() {}

  public record Result(double loss, double perplexity, long tokens, int windows) {}

  /** Evaluates up to {@code maxWindows} windows (0 or less: all of them), {@code batchSize} at once. */
  public static Result evaluate(Gpt gpt, TokenDocs docs, int batchSize, int maxWindows)
      throws IOException {
    double[] nll = {0};
    TokenWindows.Count n = TokenWindows.batches(docs, gpt.config().contextLength(), 1, batchSize,
        maxWindows, (first, rows, len, windows) -> {
          try (NDManager step = gpt.manager().newSubManager()) {
            Shape shape = new Shape(rows, len);
            long[] x = TokenWindows.slice(windows, rows, len, 1, 0);
            long[] y = TokenWindows.slice(windows, rows, len, 1, 1);
            nll[0] += CrossEntropy.sum(gpt.logits(step.create(x, shape), false),
                step.create(y, shape)).getFloat();
          }
        });
    double loss = nll[0] / n.tokens();
    return new Result(loss, Math.exp(loss), n.tokens(), n.windows());
  }

  /** As {@link #evaluate(Gpt, TokenDocs, int, int)} over documents in memory. */
  public static Result evaluate(Gpt gpt, List<int[]> docs, int batchSize, int maxWindows) {
    try {
      return evaluate(gpt, TokenDocs.of(docs), batchSize, maxWindows);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a list reads no files
    }
  }
}
