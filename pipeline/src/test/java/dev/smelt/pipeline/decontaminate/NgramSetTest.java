package dev.smelt.pipeline.decontaminate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.copyright.Shingles;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NgramSetTest {
  private static long[] randomHashes(int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = r.nextLong();
    }
    return out;
  }

  @Test
  void exactSetCountsDistinctHashes() {
    NgramSet s = NgramSet.SortedNgrams.of(new long[] {5, -3, 5, 9});
    assertEquals(3, s.size());
    assertTrue(s.contains(-3) && s.contains(5) && s.contains(9));
    assertFalse(s.contains(4));
  }

  @Test
  void setsUpToTheLimitAreExactAndLargerOnesBloomFilters() {
    List<String> texts = List.of("a b c d e f g h i j k l m n", "o p q r s t u v w x y z a b c");
    NgramSet exact = NgramSet.of(texts, 13, 1e-6, 5);
    NgramSet bloom = NgramSet.of(texts, 13, 1e-6, 4);

    assertInstanceOf(NgramSet.SortedNgrams.class, exact);
    assertEquals(5, exact.size(), "2 + 3 n-grams of 13 words");
    assertInstanceOf(NgramBloom.class, bloom);
    assertEquals(5, bloom.size());
    for (String t : texts) {
      for (long h : Shingles.hashes(Shingles.words(t), 13)) {
        assertTrue(bloom.contains(h) && exact.contains(h));
      }
    }
  }

  @Test
  void bloomHoldsEveryHashItWasGiven() {
    long[] in = randomHashes(50_000, 1);
    NgramBloom b = NgramBloom.of(in, 1e-6);
    for (long h : in) {
      assertTrue(b.contains(h));
    }
  }

  @Test
  void bloomFalsePositivesStayNearTheRequestedRate() {
    NgramBloom b = NgramBloom.of(randomHashes(20_000, 2), 0.01);
    long[] absent = randomHashes(200_000, 3);
    long falsePositives = java.util.Arrays.stream(absent).filter(b::contains).count();
    // Expected ~2,000; a correct filter lands within a few hundred, a broken one far off.
    assertTrue(falsePositives > 1_000 && falsePositives < 3_000, falsePositives + " of 200,000");
    assertEquals(7, b.probes(), "k = round(m/n ln 2) for p = 0.01");
  }

  @Test
  void bloomTakesAboutTwentyNineBitsAHashAtOneInAMillion() {
    NgramBloom b = NgramBloom.of(randomHashes(100_000, 4), 1e-6);
    double bitsPerHash = b.bytes() * 8.0 / 100_000;
    assertTrue(bitsPerHash > 28.5 && bitsPerHash < 29.5, "bits per hash: " + bitsPerHash);
  }

  @Test
  void refusesARateOutsideZeroAndOne() {
    assertThrows(IllegalArgumentException.class, () -> NgramBloom.of(new long[] {1}, 0));
  }
}
