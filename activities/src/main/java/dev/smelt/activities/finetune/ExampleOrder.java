package dev.smelt.activities.finetune;

import java.util.SplittableRandom;

/**
 * Example indices, reshuffled every pass with a RNG seeded by (seed, pass); its whole state is
 * (epoch, position), which a checkpoint records and {@link #seek} restores.
 */
final class ExampleOrder {
  private final int[] order;
  private final long seed;
  private int position;
  private long epoch = -1;

  ExampleOrder(int n, long seed) {
    this.order = new int[n];
    this.seed = seed;
    this.position = n;
  }

  int next() {
    if (position == order.length) {
      shuffle(epoch + 1);
      position = 0;
    }
    return order[position++];
  }

  long epoch() {
    return epoch;
  }

  int position() {
    return position;
  }

  /** Continues where an order that had reached (epoch, position) was. */
  void seek(long epoch, long position) {
    if (epoch < 0) {
      this.epoch = -1;
      this.position = order.length;
      return;
    }
    shuffle(epoch);
    this.position = (int) position;
  }

  private void shuffle(long pass) {
    epoch = pass;
    SplittableRandom rng = new SplittableRandom(seed * 31 + pass);
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
