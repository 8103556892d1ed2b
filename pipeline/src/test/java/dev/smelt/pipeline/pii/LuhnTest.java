package dev.smelt.pipeline.pii;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LuhnTest {
  @Test
  void acceptsKnownTestCardNumbers() {
    assertTrue(Luhn.valid("4111111111111111"));   // Visa test number
    assertTrue(Luhn.valid("5555555555554444"));   // Mastercard test number
    assertTrue(Luhn.valid("378282246310005"));    // Amex test number
    assertTrue(Luhn.valid("79927398713"));        // the textbook example
  }

  @Test
  void rejectsAChangedDigitAndNonDigits() {
    assertFalse(Luhn.valid("4111111111111112"));
    assertFalse(Luhn.valid("79927398710"));
    assertFalse(Luhn.valid("4111-1111"));
    assertFalse(Luhn.valid(""));
  }
}
