package dev.smelt.activities.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokenMaskingTest {
  @Test
  void selectsFifteenPercentAndSplitsThemEightyTenTen() {
    long[] tokens = new long[200_000];
    Arrays.fill(tokens, 7);
    TokenMasking.Masked m = TokenMasking.mask(tokens, 0.15, 50, 42, 3);
    int masked = 0;
    int random = 0;
    int kept = 0;
    for (int i = 0; i < tokens.length; i++) {
      assertEquals(7, m.targets()[i]);
      if (m.weights()[i] == 0f) {
        assertEquals(7, m.inputs()[i], "unselected tokens are untouched");
        continue;
      }
      long in = m.inputs()[i];
      if (in == TokenMasking.MASK_ID) {
        masked++;
      } else if (in == 7) {
        kept++; // includes the 1/46 of random draws that hit 7 again
      } else {
        assertTrue(in >= TokenMasking.FIRST_ORDINARY_ID && in < 50, "random id " + in);
        random++;
      }
    }
    int selected = masked + random + kept;
    assertEquals(selected, m.selected());
    assertEquals(0.15, selected / 200_000.0, 0.005);
    assertEquals(0.80, masked / (double) selected, 0.01);
    assertEquals(0.10, random / (double) selected, 0.01);
    assertEquals(0.10, kept / (double) selected, 0.01);
  }

  @Test
  void theSameSeedAndStepMaskTheSameWayAndAnotherStepDoesNot() {
    long[] tokens = new long[512];
    Arrays.setAll(tokens, i -> 4 + i % 40);
    TokenMasking.Masked a = TokenMasking.mask(tokens, 0.15, 64, 1, 10);
    TokenMasking.Masked b = TokenMasking.mask(tokens, 0.15, 64, 1, 10);
    assertArrayEquals(a.inputs(), b.inputs());
    assertArrayEquals(a.weights(), b.weights());
    assertFalse(Arrays.equals(a.weights(), TokenMasking.mask(tokens, 0.15, 64, 1, 11).weights()));
    assertFalse(Arrays.equals(a.weights(), TokenMasking.mask(tokens, 0.15, 64, 2, 10).weights()));
  }

  @Test
  void neverSelectsNothing() {
    TokenMasking.Masked m = TokenMasking.mask(new long[] {9, 9}, 1e-9, 20, 5, 1);
    assertEquals(1, m.selected());
  }
}
