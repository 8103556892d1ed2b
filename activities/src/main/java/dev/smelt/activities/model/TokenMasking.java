package dev.smelt.activities.model;

import java.util.SplittableRandom;

/**
 * BERT's masking rule: each token is selected with probability p; a selected token becomes
 * {@code <|mask|>} (80 %), a random ordinary token (10 %) or stays (10 %), and only selected
 * positions are scored. The RNG is derived from (seed, step) alone, so a resumed run masks exactly
 * as an uninterrupted one without saving any RNG state.
 */
public final class TokenMasking {
  public static final int MASK_ID = 2;
  /** Ids below this are special tokens (end of text, pad, mask, cls); random replacements skip them. */
  public static final int FIRST_ORDINARY_ID = 4;

  private TokenMasking() {}

  /**
   * A masked batch: the model's {@code inputs}, the original tokens as {@code targets}, {@code
   * weights} 1 at selected positions and 0 elsewhere, and how many were selected.
   */
  public record Masked(long[] inputs, long[] targets, float[] weights, int selected) {}

  /** Masks {@code tokens} with the RNG of (seed, step); never selects nothing. */
  public static Masked mask(long[] tokens, double probability, int vocabSize, long seed, long step) {
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ step * 0xBF58476D1CE4E5B9L);
    long[] inputs = tokens.clone();
    float[] weights = new float[tokens.length];
    int selected = 0;
    for (int i = 0; i < tokens.length; i++) {
      if (rng.nextDouble() < probability) {
        selected++;
        weights[i] = 1f;
        inputs[i] = replacement(tokens[i], rng, vocabSize);
      }
    }
    if (selected == 0 && tokens.length > 0) { // a step with nothing to predict would divide by 0
      int i = rng.nextInt(tokens.length);
      weights[i] = 1f;
      inputs[i] = replacement(tokens[i], rng, vocabSize);
      selected = 1;
    }
    return new Masked(inputs, tokens.clone(), weights, selected);
  }

  private static long replacement(long original, SplittableRandom rng, int vocabSize) {
    double r = rng.nextDouble();
    if (r < 0.8) {
      return MASK_ID;
    }
    return r < 0.9 ? rng.nextInt(FIRST_ORDINARY_ID, vocabSize) : original;
  }
}
