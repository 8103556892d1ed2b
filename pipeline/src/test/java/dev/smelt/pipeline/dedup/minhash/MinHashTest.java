package dev.smelt.pipeline.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.settings.filter.FuzzyDedupSettings;
import dev.smelt.settings.filter.ShingleKind;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The plain MinHash-LSH math: hashing, shingles, permutations mod 2^61 − 1, banding, settings. */
class MinHashTest {
  @Test
  void hashIgnoresCaseAndDependsOnSeedAndEveryChar() {
    String text = "say Hello World";
    long hello = Hash64.lowerCase(text, 4, 9, 1);
    assertEquals(hello, Hash64.lowerCase("HELLO", 0, 5, 1));
    assertNotEquals(hello, Hash64.lowerCase("hello", 0, 5, 2));
    assertNotEquals(hello, Hash64.lowerCase("hellp", 0, 5, 1));
    assertNotEquals(hello, Hash64.lowerCase("hell", 0, 4, 1));
    assertNotEquals(Hash64.lowerCase("ab", 0, 2, 1), Hash64.lowerCase("ba", 0, 2, 1));
  }

  @Test
  void wordShinglesIgnorePunctuationCaseAndSpacing() {
    long[] a = ShingleHashes.of(ShingleKind.WORD, "The cat, sat on the MAT today!", 5, 1);
    long[] b = ShingleHashes.of(ShingleKind.WORD, "the cat sat\non the mat -- today", 5, 1);
    assertArrayEquals(a, b);
    assertEquals(7 - 5 + 1, a.length);
    assertNotEquals(a[0], ShingleHashes.of(ShingleKind.WORD, "cat the sat on the mat today", 5, 1)[0],
        "word order matters within a shingle");
  }

  @Test
  void shortTextHasOneShingleAndTextWithoutWordsHasNone() {
    assertEquals(1, ShingleHashes.of(ShingleKind.WORD, "only three words", 5, 1).length);
    assertEquals(0, ShingleHashes.of(ShingleKind.WORD, "  ... !!! ", 5, 1).length);
    assertEquals(1, ShingleHashes.of(ShingleKind.CHAR, "short", 24, 1).length);
    assertEquals(0, ShingleHashes.of(ShingleKind.CHAR, "", 24, 1).length);
  }

  @Test
  void charShinglesSlideOneCharAtATimeAndMatchAcrossTexts() {
    long[] a = ShingleHashes.of(ShingleKind.CHAR, "abcdefgh", 4, 7);
    assertEquals(5, a.length);
    long[] b = ShingleHashes.of(ShingleKind.CHAR, "xxCDEFgh", 4, 7);
    assertEquals(a[2], b[2], "'cdef' in both, case aside");
    assertEquals(a[4], b[4]);
    assertNotEquals(a[0], b[0]);
  }

  @Test
  void mulModMatchesBigIntegerArithmetic() {
    SplittableRandom random = new SplittableRandom(42);
    BigInteger p = BigInteger.valueOf(MinHasher.PRIME);
    for (int i = 0; i < 10_000; i++) {
      long x = random.nextLong(MinHasher.PRIME);
      long y = i == 0 ? MinHasher.PRIME - 1 : random.nextLong(MinHasher.PRIME);
      long expected = BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)).mod(p).longValueExact();
      assertEquals(expected, MinHasher.mulMod(x, y));
    }
    assertEquals(new BigInteger("ffffffffffffffff", 16).mod(p).longValueExact(), MinHasher.reduce(-1L));
  }

  @Test
  void signatureAgreementEstimatesTheJaccardSimilarity() {
    // Two sets of 600 shingles sharing 400: Jaccard 400 / 800 = 0.5.
    long[] x = new long[600];
    long[] y = new long[600];
    for (int i = 0; i < 600; i++) {
      x[i] = Hash64.fmix64(i);
      y[i] = Hash64.fmix64(i + 200);
    }
    assertEquals(0.5, ShingleSets.jaccard(ShingleSets.of(x), ShingleSets.of(y)), 1e-12);
    MinHasher minHasher = new MinHasher(2048, 3);
    double estimate = MinHasher.estimatedJaccard(minHasher.signature(x), minHasher.signature(y));
    // Standard error sqrt(0.25 / 2048) = 0.011; four of them is a generous bound.
    assertEquals(0.5, estimate, 0.045);
  }

  @Test
  void signatureDoesNotDependOnShingleOrderOrRepeats() {
    MinHasher minHasher = new MinHasher(112, 1);
    assertArrayEquals(minHasher.signature(new long[] {5, 9, 1}),
        minHasher.signature(new long[] {1, 9, 9, 5, 1}));
    assertArrayEquals(new MinHasher(112, 1).signature(new long[] {5}), minHasher.signature(new long[] {5}),
        "same seed, same permutations");
  }

  @Test
  void bandKeysChangeOnlyForTheBandWhoseRowChanged() {
    LshBands lsh = new LshBands(14, 8);
    long[] sig = new MinHasher(112, 1).signature(ShingleHashes.of(ShingleKind.WORD, "a b c d e f g h i j", 5, 1));
    long[] changed = sig.clone();
    changed[8 + 3]++; // a row of band 1
    long[] a = lsh.bucketKeys(sig);
    long[] b = lsh.bucketKeys(changed);
    for (int band = 0; band < 14; band++) {
      assertEquals(band != 1, a[band] == b[band], "band " + band);
    }
    assertEquals(0, lsh.bucketKeys(new MinHasher(112, 1).signature(new long[0])).length,
        "texts without shingles never share a bucket");
  }

  @Test
  void sCurveOfFourteenBandsOfEightRowsRisesSteepestNearPoint72() {
    LshBands lsh = LshBands.of(FuzzyDedupSettings.PUBLISHED);
    assertEquals(0.719, lsh.threshold(), 0.001);
    assertEquals(1 - Math.pow(1 - 1.0 / 14, 14), lsh.candidateProbability(lsh.threshold()), 1e-9);
    assertTrue(lsh.candidateProbability(0.5) < 0.06);
    assertTrue(lsh.candidateProbability(0.9) > 0.999);
    assertEquals(10, SCurvePoint.theoretical(lsh, 10).size());
  }

  @Test
  void settingsNameTheBrokenKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FuzzyDedupSettings(ShingleKind.WORD, 5, 0, 8, 1, 0, 12));
    assertTrue(e.getMessage().contains("data.filterSettings.fuzzyDedup.bands"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new FuzzyDedupSettings(ShingleKind.WORD, 5, 14, 8, 1, 1.5, 12));
    assertTrue(e.getMessage().contains("fuzzyDedup.minJaccard"), e.getMessage());
    assertEquals(ShingleKind.CHAR, ShingleKind.fromConfig("char"));
    assertThrows(IllegalArgumentException.class, () -> ShingleKind.fromConfig("line"));
  }
}
