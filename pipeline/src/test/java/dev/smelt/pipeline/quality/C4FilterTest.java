package dev.smelt.pipeline.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.C4Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class C4FilterTest {
  private final C4Filter filter = new C4Filter(C4Settings.PUBLISHED);

  @Test
  void removesBadLinesAndCountsThemPerReason() {
    List<String> lines = new ArrayList<>(Texts.sentences(3));
    lines.add("Please enable JavaScript to view this page.");
    lines.add("Read our privacy policy before you continue.");
    lines.add("Home | About | Contact");
    lines.add("Yes it is.");       // 3 words, terminal punctuation: kept
    lines.add("Oh, no.");          // 2 words: removed
    lines.add("");
    lines.add(Texts.sentences(4).get(3));

    Decision d = filter.decide(Texts.lines(lines));

    Decision.Rewrite r = assertInstanceOf(Decision.Rewrite.class, d);
    assertEquals(Map.of(
        RejectReason.C4_LINE_JAVASCRIPT, 1,
        RejectReason.C4_LINE_POLICY, 1,
        RejectReason.C4_LINE_NO_TERMINAL_PUNCT, 1,
        RejectReason.C4_LINE_TOO_FEW_WORDS, 1), r.edits());
    List<String> expected = new ArrayList<>(Texts.sentences(3));
    expected.add("Yes it is.");
    expected.add("");
    expected.add(Texts.sentences(4).get(3));
    assertEquals(String.join("\n", expected), r.text());
  }

  @Test
  void keepsACleanDocumentUnchanged() {
    assertEquals(Decision.keep(), filter.decide(Texts.lines(Texts.sentences(5))));
  }

  @Test
  void rejectsLoremIpsumAndCurlyBrackets() {
    List<String> lines = new ArrayList<>(Texts.sentences(5));
    lines.add("Lorem ipsum dolor sit amet.");
    assertEquals(RejectReason.C4_LOREM_IPSUM, ((Decision.Reject) filter.decide(Texts.lines(lines))).reason());
    lines.set(5, "Call f() { return 1; } now.");
    assertEquals(RejectReason.C4_CURLY_BRACKET, ((Decision.Reject) filter.decide(Texts.lines(lines))).reason());
  }

  @Test
  void rejectsFewerThanThreeSentencesAfterLineRemoval() {
    List<String> lines = new ArrayList<>(Texts.sentences(2));
    lines.add("Subscribe to our newsletter");
    assertEquals(RejectReason.C4_TOO_FEW_SENTENCES, ((Decision.Reject) filter.decide(Texts.lines(lines))).reason());
    lines.set(2, "It rained. Then it stopped.");
    assertInstanceOf(Decision.Keep.class, filter.decide(Texts.lines(lines)));
  }
}
