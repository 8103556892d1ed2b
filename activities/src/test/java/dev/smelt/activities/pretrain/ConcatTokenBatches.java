package dev.smelt.activities.pretrain;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Concatenates documents into one token stream and cuts it into windows of contextLength + 1
 * (consecutive windows share one token, so every token is a target once). Each epoch serves the
 * windows in an order shuffled by a seeded RNG derived from (seed, epoch), so a {@link DataCursor}
 * alone restores the exact sequence of batches.
 */
final class ConcatTokenBatches {
  private final int[] stream;
  private final int contextLength;
  private final int batchSize;
  private final long seed;
  private final int windows;
  private long epoch;
  private long position;
  private int[] order;

  ConcatTokenBatches(List<int[]> docs, int contextLength, int batchSize, long seed) {
    this.stream = concat(docs);
    this.contextLength = contextLength;
    this.batchSize = batchSize;
    this.seed = seed;
    this.windows = (stream.length - 1) / contextLength;
    if (windows < 1) {
      throw new IllegalArgumentException("training data has " + stream.length
          + " tokens; a context of " + contextLength + " needs at least " + (contextLength + 1));
    }
    seek(DataCursor.START);
  }

  static int[] concat(List<int[]> docs) {
    int[] out = new int[docs.stream().mapToInt(d -> d.length).sum()];
    int at = 0;
    for (int[] d : docs) {
      System.arraycopy(d, 0, out, at, d.length);
      at += d.length;
    }
    return out;
  }

  public TokenBatch next() {
    long[] inputs = new long[batchSize * contextLength];
    long[] targets = new long[batchSize * contextLength];
    for (int row = 0; row < batchSize; row++) {
      if (position == windows) {
        seek(new DataCursor(epoch + 1, 0));
      }
      int start = order[(int) position++] * contextLength;
      for (int i = 0; i < contextLength; i++) {
        inputs[row * contextLength + i] = stream[start + i];
        targets[row * contextLength + i] = stream[start + i + 1];
      }
    }
    return new TokenBatch(inputs, targets, batchSize, contextLength);
  }

  public DataCursor cursor() {
    return new DataCursor(epoch, position);
  }

  public void seek(DataCursor cursor) {
    if (cursor.position() < 0 || cursor.position() > windows) {
      throw new IllegalArgumentException("cursor " + cursor + " is outside " + windows + " windows");
    }
    if (order == null || cursor.epoch() != epoch) {
      order = shuffledOrder(cursor.epoch());
    }
    epoch = cursor.epoch();
    position = cursor.position();
  }

  private int[] shuffledOrder(long forEpoch) {
    int[] o = new int[windows];
    for (int i = 0; i < windows; i++) {
      o[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + forEpoch);
    for (int i = windows - 1; i > 0; i--) { // Fisher-Yates
      int j = rng.nextInt(i + 1);
      int tmp = o[i];
      o[i] = o[j];
      o[j] = tmp;
    }
    return o;
  }

  public int windows() {
    return windows;
  }

  public long tokens() {
    return stream.length;
  }
}
