package dev.smelt.pipeline.decontaminate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.DecontaminateSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecontaminateFilterTest {
  /** A test-split review: 10 words, shorter than 13, so matched on 8-grams. */
  static final String REVIEW = "The battery died after two days and support never answered.";
  /** An out-of-domain passage of 20 words, matched on 13-grams. */
  static final String OOD = "one two three four five six seven eight nine ten eleven twelve "
      + "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty";
  static final String PROSE = "She walked to the village in the rain, thinking of nothing at all. ";

  private static final List<EvalSet> SETS = List.of(
      new EvalSet("sentiment_test", true, List.of(REVIEW, "Too short.")),
      new EvalSet("ood", false, List.of(OOD)));

  private static Decision decide(DecontaminateSettings s, String text) {
    return DecontaminateFilter.of(s, SETS).decide(new Doc("d", "corpus.jsonl", text));
  }

  private static Decision decide(String text) {
    return decide(DecontaminateSettings.PUBLISHED, text);
  }

  @Test
  void rejectsDocumentContainingATestSplitSentenceAsContaminated() {
    Decision d = decide(PROSE + "Then she read: the BATTERY died after two days, and support never answered! " + PROSE);

    Decision.Reject r = assertInstanceOf(Decision.Reject.class, d);
    assertEquals(RejectReason.CONTAMINATED, r.reason());
    assertTrue(r.detail().contains("8-gram 'the battery died after two days and support'")
        && r.detail().endsWith("sentiment_test"), r.detail());
  }

  @Test
  void keepsDocumentSharingTwelveWordsWithALongEvalTextAndRejectsThirteen() {
    String twelve = "one two three four five six seven eight nine ten eleven twelve";
    assertEquals(Decision.keep(), decide(PROSE + twelve + " " + PROSE), "12 words < 13-gram");
    Decision.Reject r = assertInstanceOf(Decision.Reject.class,
        decide(PROSE + twelve + " thirteen. " + PROSE));
    assertTrue(r.detail().contains("13-gram") && r.detail().endsWith("ood"), r.detail());
  }

  @Test
  void keepsDocumentSharingSevenWordsOfAShortTextAndOneSharingAShortTextShorterThanEight() {
    assertEquals(Decision.keep(), decide(PROSE + "the battery died after two days and " + PROSE));
    assertEquals(Decision.keep(), decide(PROSE + "It was too short. " + PROSE),
        "a 2-word eval text has no 8-gram, as the overlap check has none to flag");
  }

  @Test
  void tagPolicyKeepsTheDocumentAndTagsItContaminated() {
    var tag = new DecontaminateSettings(13, DecontaminateSettings.Policy.TAG, 1e-6);
    Decision.Tag t = assertInstanceOf(Decision.Tag.class, decide(tag, PROSE + REVIEW));
    assertTrue(t.tags().get(RejectReason.CONTAMINATED).contains("sentiment_test"), t.tags().toString());
  }

  @Test
  void aShorterConfiguredNgramAlsoShortensTheShortTextNgram() {
    var five = new DecontaminateSettings(5, DecontaminateSettings.Policy.DROP, 1e-6);
    assertInstanceOf(Decision.Reject.class, decide(five, PROSE + "after two days and support " + PROSE));
    assertEquals(Decision.keep(), decide(PROSE + "after two days and support " + PROSE));
  }

  @Test
  void survivesJavaSerializationAsBeamShipsIt() throws IOException, ClassNotFoundException {
    DecontaminateFilter f = DecontaminateFilter.of(DecontaminateSettings.PUBLISHED, SETS);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(f);
    }
    DecontaminateFilter copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (DecontaminateFilter) in.readObject();
    }
    assertInstanceOf(Decision.Reject.class, copy.decide(new Doc("d", "s", PROSE + REVIEW)));
  }

  @Test
  void badSettingsNameTheirKey() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new DecontaminateSettings(3, DecontaminateSettings.Policy.DROP, 1e-6));
    assertTrue(e.getMessage().startsWith("key 'data.filterSettings.decontaminate.ngram' must be at least 4"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new DecontaminateSettings(13, DecontaminateSettings.Policy.DROP, 0.5));
    assertTrue(e.getMessage().startsWith("key 'data.filterSettings.decontaminate.falsePositiveRate'"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DecontaminateSettings.Policy.of("delete"));
    assertTrue(e.getMessage().contains("policy' must be drop or tag, not 'delete'"), e.getMessage());
  }
}
