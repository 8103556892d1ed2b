package dev.smelt.pipeline.toxicity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.ToxicitySettings;
import java.util.List;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ToxicityFilterTest {
  private final ToxicityFilter filter = new ToxicityFilter(ToxicitySettings.PUBLISHED);

  private static Doc doc(String text) {
    return new Doc("d", "s", text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gay", "muslim", "black", "jewish", "woman", "lesbian", "queer",
      "homosexual", "disabled", "arab", "jew"})
  void identityWordsAloneNeverCauseADrop(String word) {
    String sentence = "I am a " + word + " person and proud to be " + word + ". ";
    Doc dense = doc((word + " ").repeat(50) + sentence.repeat(20));
    assertEquals(Decision.keep(), filter.decide(dense));
    assertEquals(0.0, filter.score(dense.text()).perWord());
  }

  @Test
  void everyLanguageTheSettingsCallBundledHasALexicon() {
    for (String language : ToxicitySettings.BUNDLED) {
      ToxicitySettings p = ToxicitySettings.PUBLISHED;
      new ToxicityFilter(new ToxicitySettings(List.of(language), p.ldnoobwWeight(), p.cussWeights(),
          p.maxScore(), p.minHits())); // throws for a language without a bundled list
    }
  }

  @Test
  void identitySentencesAreKept() {
    for (String s : List.of("The gay couple married in June.", "A muslim family moved next door.",
        "Black history month starts today.", "The jewish community centre opened.",
        "The woman led the expedition.")) {
      assertEquals(Decision.keep(), filter.decide(doc(s.repeat(10))), s);
    }
  }

  @Test
  void dropsTextDenseWithStrongTerms() {
    Decision.Reject r = assertInstanceOf(Decision.Reject.class,
        filter.decide(doc("you are a fucking asshole and a cunt, the whole lot of you, fuck off")));
    assertEquals(RejectReason.TOXIC, r.reason());
  }

  @Test
  void keepsALongTextWithOneStrongTerm() {
    String prose = "The weather was mild and the walk to the village was pleasant. ".repeat(40);
    assertEquals(Decision.keep(), filter.decide(doc(prose + " Damn, she said, and went on. ")));
  }

  @Test
  void fewerHitsThanMinHitsNeverDrop() {
    assertEquals(Decision.keep(), filter.decide(doc("fuck")));
    assertEquals(1, filter.score("fuck").hits());
  }

  @Test
  void matchesMultiWordTerms() {
    ToxicityFilter.Score score = filter.score("a Ball-Gag in the window");
    assertEquals(java.util.Map.of("ball gag", 1), score.terms());
  }

  @Test
  void travelsAsItsSettingsAndDecidesAlikeAfterSerialization() {
    // The DirectRunner serializes a DoFn again for every bundle: the lexicon must not travel.
    byte[] bytes = SerializableUtils.serializeToByteArray(filter);
    assertTrue(bytes.length < 2_000, bytes.length + " bytes");
    ToxicityFilter copy = (ToxicityFilter) SerializableUtils.deserializeFromByteArray(bytes, "toxicity");
    String text = "you are a fucking asshole and a cunt, the whole lot of you, fuck off, ball gag";
    assertEquals(filter.decide(doc(text)), copy.decide(doc(text)));
    assertEquals(filter.score(text).terms(), copy.score(text).terms());
  }
}
