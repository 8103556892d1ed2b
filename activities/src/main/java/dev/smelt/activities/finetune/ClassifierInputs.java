package dev.smelt.activities.finetune;

import java.util.List;
import java.util.function.Function;

/**
 * Turns texts into classifier input: tokens truncated to maxLength - 1, then {@code <|endoftext|>}
 * (id 0), whose hidden state the classifier reads; batches are right-padded with {@code <|pad|>}
 * (id 1), which a causal model cannot see from the real tokens.
 */
public final class ClassifierInputs {
  public static final int END_OF_TEXT = 0;
  public static final int PAD = 1;

  private ClassifierInputs() {}

  /** A padded batch: tokens (rows × length), where each row's last real token is, and labels. */
  public record Batch(long[] tokens, int[] lastIndex, long[] labels, int rows, int length) {}

  public static int[] encode(Function<String, int[]> encoder, String text, int maxLength) {
    int[] ids = encoder.apply(text);
    int n = Math.min(ids.length, maxLength - 1);
    int[] out = new int[n + 1];
    System.arraycopy(ids, 0, out, 0, n);
    out[n] = END_OF_TEXT;
    return out;
  }

  public static Batch batch(List<int[]> encoded, List<Integer> labels) {
    int length = encoded.stream().mapToInt(e -> e.length).max().orElse(1);
    long[] tokens = new long[encoded.size() * length];
    java.util.Arrays.fill(tokens, PAD);
    int[] last = new int[encoded.size()];
    long[] y = new long[encoded.size()];
    for (int r = 0; r < encoded.size(); r++) {
      int[] e = encoded.get(r);
      for (int i = 0; i < e.length; i++) {
        tokens[r * length + i] = e[i];
      }
      last[r] = e.length - 1;
      y[r] = labels.get(r);
    }
    return new Batch(tokens, last, y, encoded.size(), length);
  }
}
