package dev.smelt.activities.pretrain;

/**
 * The training documents' token ids, concatenated in shard order, readable at any offset: what
 * {@link TokenBatches} cuts windows from. In memory for small, made-up data ({@link TokenArray}),
 * on disk for a run's shards ({@link TokenFile}).
 */
public interface TokenSource {
  /** How many tokens there are. */
  long length();

  /** Copies tokens {@code [from, from + count)} into {@code out[0, count)}. */
  void read(long from, int[] out, int count);
}
