package dev.smelt.pipeline.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.FineWebSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FineWebFilterTest {
  private final FineWebFilter filter = new FineWebFilter(FineWebSettings.PUBLISHED);

  private RejectReason reason(List<String> lines) {
    Decision d = filter.decide(Texts.lines(lines));
    return d instanceof Decision.Reject r ? r.reason() : null;
  }

  /** A long line without final punctuation, distinct per i. */
  private static String unpunctuated(int i) {
    return Texts.sentences(i + 1).get(i).replace(".", "") + " and so on";
  }

  @Test
  void keepsProse() {
    assertEquals(null, reason(Texts.sentences(10)));
  }

  @Test
  void needsTwelvePercentOfLinesEndingInPunctuation() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lines.add(i < 12 ? Texts.sentences(i + 1).get(i) : unpunctuated(i));
    }
    assertEquals(null, reason(lines));
    lines.set(0, unpunctuated(0));
    assertEquals(RejectReason.FINEWEB_LINE_PUNCT, reason(lines));
  }

  @Test
  void rejectsTwoThirdsShortLines() {
    List<String> lines = new ArrayList<>(Texts.sentences(33));
    for (int i = 0; i < 67; i++) {
      lines.add("Item number " + i + ".");
    }
    assertEquals(RejectReason.FINEWEB_SHORT_LINES, reason(lines));
  }

  @Test
  void rejectsTenPercentOfCharactersInDuplicatedLines() {
    List<String> lines = new ArrayList<>(Texts.sentences(20));
    lines.addAll(Texts.sentences(1));
    assertEquals(null, reason(lines), "one repeated line of 21 is under 0.1");
    lines.addAll(Texts.sentences(2));
    lines.addAll(Texts.sentences(1));
    assertEquals(RejectReason.FINEWEB_DUP_LINE_CHARS, reason(lines));
  }

  @Test
  void rejectsListLikeDocuments() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add("Remember to buy the fresh item " + i + ".");
      lines.addAll(Collections.nCopies(1, ""));
      lines.add("");
    }
    assertEquals(RejectReason.FINEWEB_LIST_LIKE, reason(lines));
  }
}
