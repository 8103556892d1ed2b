package dev.smelt.pipeline.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import org.junit.jupiter.api.Test;

class LengthFilterTest {
  private final LengthFilter filter = new LengthFilter(3, 5);

  private static Doc doc(String text) {
    return new Doc("id", "src", text);
  }

  @Test
  void keepsTextsAtBothInclusiveBounds() {
    assertEquals(Decision.keep(), filter.decide(doc("abc")));
    assertEquals(Decision.keep(), filter.decide(doc("abcde")));
  }

  @Test
  void rejectsOneCharBelowMinimumAsTooShort() {
    Decision.Reject reject = assertInstanceOf(Decision.Reject.class, filter.decide(doc("ab")));
    assertEquals(RejectReason.TOO_SHORT, reject.reason());
    assertEquals("2 chars < minimum 3", reject.detail());
  }

  @Test
  void rejectsOneCharAboveMaximumAsTooLong() {
    Decision.Reject reject = assertInstanceOf(Decision.Reject.class, filter.decide(doc("abcdef")));
    assertEquals(RejectReason.TOO_LONG, reject.reason());
    assertEquals("6 chars > maximum 5", reject.detail());
  }

  @Test
  void countsCodePointsNotUtf16Units() {
    String threeEmoji = "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"; // 6 UTF-16 units
    assertEquals(Decision.keep(), filter.decide(doc(threeEmoji)));
  }

  @Test
  void refusesImpossibleBoundsWithAMessageNamingThem() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new LengthFilter(10, 9));
    assertTrue(e.getMessage().contains("maxChars (9) must be >= minChars (10)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LengthFilter(-1, 9));
  }
}
