package dev.smelt.activities.pretrain;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts the concatenated documents of a {@link TokenSource} into windows of contextLength + 1
 * (consecutive windows share one token, so every token is a target once), reading each window
 * from the source when it is served. Each epoch serves the windows in an order shuffled by a
 * seeded RNG derived from (seed, epoch), so a {@link DataCursor} alone restores the exact sequence
 * of batches. The heap holds the window order (4 bytes a window) and one window, not the tokens.
 */
public final class TokenBatches {
  private final TokenSource stream;
  private final int contextLength;
  private final int batchSize;
  private final long seed;
  private final int windows;
  private long epoch;
  private long position;
  private int[] order;
  private final int[] window;

  /** Batches over documents held in memory. */
  public TokenBatches(List<int[]> docs, int contextLength, int batchSize, long seed) {
    this(TokenArray.of(docs), contextLength, batchSize, seed);
  }

  public TokenBatches(TokenSource stream, int contextLength, int batchSize, long seed) {
    this.stream = stream;
    this.contextLength = contextLength;
    this.batchSize = batchSize;
    this.seed = seed;
    long count = (stream.length() - 1) / contextLength;
    if (count < 1) {
      throw new IllegalArgumentException("training data has " + stream.length()
          + " tokens; a context of " + contextLength + " needs at least " + (contextLength + 1));
    }
    if (count > Integer.MAX_VALUE - 8) { // the shuffled order is one int[]
      throw new IllegalArgumentException("training data has " + count + " windows of "
          + contextLength + " tokens, more than one epoch order can hold; raise "
          + "model.contextLength or split the corpus over runs");
    }
    this.windows = (int) count;
    this.window = new int[contextLength + 1];
    seek(DataCursor.START);
  }

  public TokenBatch next() {
    long[] inputs = new long[batchSize * contextLength];
    long[] targets = new long[batchSize * contextLength];
    for (int row = 0; row < batchSize; row++) {
      if (position == windows) {
        seek(new DataCursor(epoch + 1, 0));
      }
      stream.read((long) order[(int) position++] * contextLength, window, contextLength + 1);
      for (int i = 0; i < contextLength; i++) {
        inputs[row * contextLength + i] = window[i];
        targets[row * contextLength + i] = window[i + 1];
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
    return stream.length();
  }
}
