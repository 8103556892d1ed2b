package dev.smelt.pipeline.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitByHashTest {
  @Test
  void positionIsTheFirstEightBytesOfSha256() {
    // SHA-256("abc") = ba7816bf8f01cfea..., so the position is 0xba7816bf8f01cfea / 2^64
    assertEquals(0xba7816bf8f01cfeaL >>> 11, (long) (SplitByHash.positionOf("abc") * 0x1.0p53));
    // SHA-256("") = e3b0c44298fc1c14...
    assertEquals(0xe3b0c44298fc1c14L >>> 11, (long) (SplitByHash.positionOf("") * 0x1.0p53));
  }

  @Test
  void holdsOutAboutTheRequestedFraction() {
    SplitByHash split = new SplitByHash(0.1);
    int val = 0;
    for (int i = 0; i < 20_000; i++) {
      if (split.isValidation("corpus/book.txt#" + i)) {
        val++;
      }
    }
    assertTrue(val > 1_800 && val < 2_200, "held out " + val + " of 20000");
  }

  @Test
  void aLargerFractionKeepsEveryDocumentTheSmallerOneHeldOut() {
    SplitByHash small = new SplitByHash(0.05);
    SplitByHash large = new SplitByHash(0.2);
    for (int i = 0; i < 5_000; i++) {
      String id = "doc-" + i;
      assertTrue(!small.isValidation(id) || large.isValidation(id), id);
    }
  }

  @Test
  void zeroHoldsOutNothingAndOneEverything() {
    assertFalse(new SplitByHash(0).isValidation("abc"));
    assertTrue(new SplitByHash(1).isValidation("abc"));
  }

  @Test
  void rejectsAFractionOutsideZeroToOne() {
    Exception e = assertThrows(IllegalArgumentException.class, () -> new SplitByHash(1.5));
    assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SplitByHash(Double.NaN));
  }
}
