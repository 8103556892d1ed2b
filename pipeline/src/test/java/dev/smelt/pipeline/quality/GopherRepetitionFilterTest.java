package dev.smelt.pipeline.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.GopherRepetitionSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class GopherRepetitionFilterTest {
  private final GopherRepetitionFilter filter =
      new GopherRepetitionFilter(GopherRepetitionSettings.PUBLISHED);

  private RejectReason reason(String text) {
    Decision d = filter.decide(Texts.doc(text));
    return d instanceof Decision.Reject r ? r.reason() : null;
  }

  @Test
  void keepsProseWithoutRepeats() {
    assertEquals(null, reason(String.join("\n\n", Texts.sentences(40))));
  }

  @Test
  void rejectsWhenOverThirtyPercentOfParagraphsRepeat() {
    List<String> paras = new ArrayList<>(Texts.sentences(10));
    paras.addAll(Texts.sentences(4)); // 4 of 14 = 0.29 repeat
    assertEquals(RejectReason.GOPHER_DUP_PARAGRAPH_CHARS, reason(String.join("\n\n", paras)),
        "0.29 of paragraphs is allowed, but they hold over 0.2 of the characters");
    List<String> many = new ArrayList<>(Texts.sentences(10));
    many.addAll(Texts.sentences(5)); // 5 of 15 = 0.33
    assertEquals(RejectReason.GOPHER_DUP_PARAGRAPHS, reason(String.join("\n\n", many)));
  }

  @Test
  void rejectsRepeatedLines() {
    List<String> lines = new ArrayList<>(Texts.sentences(30));
    lines.addAll(Collections.nCopies(20, "Click here."));
    assertEquals(RejectReason.GOPHER_DUP_LINES, reason(String.join("\n", lines)));
  }

  @Test
  void rejectsATopBigramCoveringOverTwentyPercentOfCharacters() {
    String text = String.join(" ", Texts.sentences(3)) + " " + "buy now ".repeat(40) + "x1 y2 z3";
    Decision d = filter.decide(Texts.doc(text));
    assertEquals(RejectReason.GOPHER_TOP_NGRAM, ((Decision.Reject) d).reason());
    assertEquals(true, ((Decision.Reject) d).detail().contains("2-gram"));
  }

  @Test
  void topNgramAndDuplicateNgramCharactersFollowDataTrove() {
    List<String> words = List.of("a", "b", "a", "b", "a", "b");
    assertEquals(2 * 3, GopherRepetitionFilter.topNgramChars(words, 2), "'a b' × 3, letters only");
    List<String> five = List.of("w1", "w2", "w3", "w4", "w5", "w1", "w2", "w3", "w4", "w5", "w6");
    assertEquals(10, GopherRepetitionFilter.duplicatedNgramChars(five, 5), "the second w1..w5");
  }

  @Test
  void rejectsDuplicatedFiveGramsOverFifteenPercent() {
    String phrase = "stay at the old lighthouse hotel tonight ";
    StringBuilder sb = new StringBuilder(String.join(" ", Texts.sentences(6)));
    for (int i = 0; i < 6; i++) {
      sb.append(" ").append(phrase).append(" ").append(Texts.sentences(60).get(50 + i));
    }
    assertEquals(RejectReason.GOPHER_DUP_NGRAM, reason(sb.toString()));
  }
}
