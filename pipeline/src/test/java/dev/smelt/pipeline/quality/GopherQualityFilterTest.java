package dev.smelt.pipeline.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.GopherQualitySettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class GopherQualityFilterTest {
  private final GopherQualityFilter filter = new GopherQualityFilter(GopherQualitySettings.PUBLISHED);

  private RejectReason reason(String text) {
    Decision d = filter.decide(Texts.doc(text));
    return d instanceof Decision.Reject r ? r.reason() : null;
  }

  private static String words(int n, String word) {
    return String.join(" ", Collections.nCopies(n, word));
  }

  @Test
  void keepsOrdinaryProse() {
    assertEquals(null, reason(String.join("\n", Texts.sentences(20))));
  }

  @Test
  void needsAtLeastFiftyWords() {
    String base = "the cat sat with that dog and ";                       // 7 words
    assertEquals(RejectReason.GOPHER_WORD_COUNT, reason(base + words(42, "house")));  // 49
    assertEquals(null, reason(base + words(43, "house")));                           // 50
  }

  @Test
  void rejectsMeanWordLengthOutsideThreeToTen() {
    assertEquals(RejectReason.GOPHER_MEAN_WORD_LENGTH, reason("the of to " + words(60, "ab")));
    assertEquals(RejectReason.GOPHER_MEAN_WORD_LENGTH, reason("the of to " + words(60, "extraordinarily")));
  }

  @Test
  void rejectsMoreThanOneHashPerTenWords() {
    String prose = String.join(" ", Texts.sentences(10)); // 120 words; '#' alone is not a word
    assertEquals(120, TextUnits.words(prose).size());
    assertEquals(null, reason(prose + " #".repeat(12)));
    assertEquals(RejectReason.GOPHER_SYMBOL_RATIO, reason(prose + " #".repeat(13)));
  }

  @Test
  void rejectsWhenOverNinetyPercentOfLinesAreBullets() {
    List<String> lines = new ArrayList<>();
    Texts.sentences(10).forEach(s -> lines.add("- " + s));
    assertEquals(RejectReason.GOPHER_BULLET_LINES, reason(String.join("\n", lines)));
    lines.set(0, Texts.sentences(1).get(0));  // 9 of 10 bullets: exactly 0.9 is allowed
    assertEquals(null, reason(String.join("\n", lines)));
  }

  @Test
  void rejectsWhenOverThirtyPercentOfLinesEndWithEllipsis() {
    List<String> lines = new ArrayList<>(Texts.sentences(10));
    for (int i = 0; i < 3; i++) {
      lines.set(i, lines.get(i) + "\u2026");
    }
    assertEquals(null, reason(String.join("\n", lines)));
    lines.set(3, lines.get(3) + "\u2026");
    assertEquals(RejectReason.GOPHER_ELLIPSIS_LINES, reason(String.join("\n", lines)));
  }

  @Test
  void rejectsWhenFewerThanEightyPercentOfWordsHoldALetter() {
    assertEquals(RejectReason.GOPHER_NON_ALPHA_WORDS,
        reason("the and of with " + words(16, "house") + " " + words(30, "123.45")));
  }

  @Test
  void needsTwoStopWords() {
    assertEquals(RejectReason.GOPHER_STOP_WORDS, reason("the " + words(60, "house")));
    assertEquals(null, reason("the with " + words(60, "house")));
  }
}
