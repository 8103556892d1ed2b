package dev.smelt.activities.eval;

import java.io.IOException;

/**
 * The documents' concatenation cut into consecutive, non-overlapping windows of the model's
 * context, handed over a batch at a time while the documents stream past: only one batch of
 * windows is ever held. A window spans {@code len + extra} tokens and starts {@code len} after the
 * one before ({@code extra} 1: a causal window and the target after its last token; 0: a masked
 * LM's window). {@code len} is the context, or the whole text less {@code extra} when shorter.
 */
final class TokenWindows {
  /** One batch: {@code rows} windows of {@code len + extra} tokens, row r at {@code r * (len + extra)}. */
  @FunctionalInterface
  interface Batch {
    void score(int firstWindow, int rows, int len, long[] windows);
  }

  /** The windows handed over and their length. */
  record Count(int windows, int len, long tokens) {}

  private TokenWindows() {}

  /**
   * Hands up to {@code maxWindows} windows (0 or less: all) to {@code batch}, {@code batchSize} at
   * once, in order; reads the documents only as far as those windows need.
   *
   * @throws IllegalArgumentException when the documents hold fewer than {@code extra + 1} tokens
   */
  static Count batches(TokenDocs docs, int context, int extra, int batchSize, int maxWindows,
      Batch batch) throws IOException {
    int[] buf = new int[batchSize * context + extra];
    int[] held = {0};
    int[] done = {0};
    long[] total = {0};
    docs.visit(doc -> {
      for (int at = 0; at < doc.length; ) {
        int rows = rowsWanted(batchSize, maxWindows, done[0]);
        int copy = Math.min(doc.length - at, rows * context + extra - held[0]);
        System.arraycopy(doc, at, buf, held[0], copy);
        held[0] += copy;
        at += copy;
        total[0] += copy;
        if (held[0] == rows * context + extra) {
          emit(buf, done[0], rows, context, extra, batch);
          done[0] += rows;
          System.arraycopy(buf, held[0] - extra, buf, 0, extra); // the last target starts the next window
          held[0] = extra;
          if (rowsWanted(batchSize, maxWindows, done[0]) == 0) {
            return false;
          }
        }
      }
      return true;
    });
    if (done[0] > 0 && rowsWanted(batchSize, maxWindows, done[0]) > 0) {
      int rows = (held[0] - extra) / context;
      if (rows > 0) {
        emit(buf, done[0], rows, context, extra, batch);
        done[0] += rows;
      }
      return new Count(done[0], context, (long) done[0] * context);
    }
    if (done[0] > 0) {
      return new Count(done[0], context, (long) done[0] * context);
    }
    int len = Math.min(context, held[0] - extra); // the whole text is shorter than one batch
    if (len < 1) {
      throw new IllegalArgumentException(extra == 0 ? "validation data has no tokens to score"
          : "validation data has " + total[0] + " tokens; at least " + (extra + 1)
              + " are needed to measure a loss");
    }
    int rows = Math.min((held[0] - extra) / len, maxWindows > 0 ? maxWindows : Integer.MAX_VALUE);
    emit(buf, 0, rows, len, extra, batch);
    return new Count(rows, len, (long) rows * len);
  }

  /** Windows of the next batch: a full batch, or what the cap leaves. */
  private static int rowsWanted(int batchSize, int maxWindows, int done) {
    return maxWindows > 0 ? Math.min(batchSize, maxWindows - done) : batchSize;
  }

  private static void emit(int[] buf, int first, int rows, int len, int extra, Batch batch) {
    long[] out = new long[rows * (len + extra)];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < len + extra; i++) {
        out[r * (len + extra) + i] = buf[r * len + i];
      }
    }
    batch.score(first, rows, len, out);
  }

  /** Row {@code r}'s tokens {@code from} .. {@code from + len} of a batch's windows. */
  static long[] slice(long[] windows, int rows, int len, int extra, int from) {
    long[] out = new long[rows * len];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(windows, r * (len + extra) + from, out, r * len, len);
    }
    return out;
  }
}
