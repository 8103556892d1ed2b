package dev.smelt.activities.pretrain;

import java.util.List;

/** Documents held in memory as one token array; for data made in memory (tests, benchmarks). */
public final class TokenArray implements TokenSource {
  private final int[] tokens;

  private TokenArray(int[] tokens) {
    this.tokens = tokens;
  }

  /** The documents' ids, concatenated in list order. */
  public static TokenArray of(List<int[]> docs) {
    int[] out = new int[docs.stream().mapToInt(d -> d.length).sum()];
    int at = 0;
    for (int[] d : docs) {
      System.arraycopy(d, 0, out, at, d.length);
      at += d.length;
    }
    return new TokenArray(out);
  }

  @Override
  public long length() {
    return tokens.length;
  }

  @Override
  public void read(long from, int[] out, int count) {
    System.arraycopy(tokens, Math.toIntExact(from), out, 0, count);
  }
}
