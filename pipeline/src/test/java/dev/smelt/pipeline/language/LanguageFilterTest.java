package dev.smelt.pipeline.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.RejectReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageFilterTest {
  private static final Doc ENGLISH = new Doc("en", "a.txt",
      "The family of Dashwood had long been settled in Sussex. Their estate was large, and their "
          + "residence was at Norland Park, in the centre of their property.");
  private static final Doc GERMAN = new Doc("de", "b.txt",
      "Die Familie Dashwood war seit langem in Sussex ansässig. Ihr Gut war groß, und ihr Wohnsitz "
          + "lag in Norland Park, in der Mitte ihres Besitzes.");

  @Test
  void keepsEnglishAndRejectsGermanWithTheDetectedLanguage() {
    LanguageFilter en = new LanguageFilter(LanguageFilter.Settings.DEFAULTS);
    assertEquals(Decision.keep(), en.decide(ENGLISH));
    Decision.Reject r = (Decision.Reject) en.decide(GERMAN);
    assertEquals(RejectReason.LANGUAGE_NOT_ALLOWED, r.reason());
    assertTrue(r.detail().startsWith("de "), r.detail());
  }

  @Test
  void allowListDecides() {
    LanguageFilter de = new LanguageFilter(new LanguageFilter.Settings(List.of("de"), 0.65));
    assertEquals(Decision.keep(), de.decide(GERMAN));
    assertEquals(RejectReason.LANGUAGE_NOT_ALLOWED, ((Decision.Reject) de.decide(ENGLISH)).reason());
  }

  @Test
  void textWithoutLanguageIsUncertain() {
    LanguageFilter en = new LanguageFilter(LanguageFilter.Settings.DEFAULTS);
    assertEquals(RejectReason.LANGUAGE_UNCERTAIN,
        ((Decision.Reject) en.decide(new Doc("n", "n.txt", "12345 67890 #### 3.14159"))).reason());
  }

  @Test
  void unknownLanguageCodeIsAnActionableError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LanguageFilter(new LanguageFilter.Settings(List.of("xx"), 0.5)));
    assertTrue(e.getMessage().contains("'xx'") && e.getMessage().contains("en"), e.getMessage());
  }
}
