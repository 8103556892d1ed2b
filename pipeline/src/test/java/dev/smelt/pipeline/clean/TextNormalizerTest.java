package dev.smelt.pipeline.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {
  private final TextNormalizer normalizer = new TextNormalizer();

  @Test
  void turnsCrLfAndLoneCrIntoLf() {
    assertEquals("a\nb\nc", normalizer.normalize("a\r\nb\rc"));
  }

  @Test
  void composesToNfc() {
    String decomposed = "Cafe\u0301"; // e + combining acute
    assertEquals("Caf\u00e9", normalizer.normalize(decomposed));
  }

  @Test
  void removesControlAndFormatCharactersButKeepsNewlines() {
    assertEquals("ab\ncd", normalizer.normalize("\uFEFFa\u0000b\u0007\n\u200Bc\u00ADd"));
  }

  @Test
  void keepsZeroWidthJoinersThatCarryMeaning() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69"; // man ZWJ woman
    assertEquals(family, normalizer.normalize(family));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a  \t  b|a b",
        "a\u00A0\u3000b|a b",
        "  lead and trail  |lead and trail",
      })
  void collapsesRunsOfSpacesAndTabsToOneSpace(String in, String expected) {
    assertEquals(expected, normalizer.normalize(in));
  }

  @Test
  void trimsBothEndsOfEveryLine() {
    assertEquals("one\ntwo\nthree", normalizer.normalize("one   \n   two\t\n three "));
  }

  @Test
  void keepsAtMostOneBlankLine() {
    assertEquals("a\n\nb\n\nc", normalizer.normalize("a\n\n\n\n\nb\n \n\t\n  \nc"));
  }

  @Test
  void keepsASingleBlankLineAsIs() {
    assertEquals("para one\n\npara two", normalizer.normalize("para one\n\npara two"));
  }

  @Test
  void trimsLeadingAndTrailingBlankLines() {
    assertEquals("x", normalizer.normalize("\n\n  \n x \n\n\n"));
  }

  @Test
  void turnsWhitespaceOnlyTextIntoEmpty() {
    assertEquals("", normalizer.normalize(" \t\r\n\u0000 \n"));
  }

  @Test
  void treatsUnicodeLineAndParagraphSeparatorsAsNewlines() {
    assertEquals("a\nb\n\nc", normalizer.normalize("a\u2028b\u2029c"));
  }

  @Test
  void isIdempotent() {
    String messy = " A\r\n\r\n\r\n B\u0301  c\t\u0000\n";
    String once = normalizer.normalize(messy);
    assertEquals(once, normalizer.normalize(once));
  }
}
