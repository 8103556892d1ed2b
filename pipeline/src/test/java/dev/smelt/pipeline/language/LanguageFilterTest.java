package dev.smelt.pipeline.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.LanguageSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LanguageFilterTest {
  private static final LanguageFilter ENGLISH_ONLY = new LanguageFilter(LanguageSettings.PUBLISHED);
  private static final String ENGLISH = "The family of Dashwood had long been settled in Sussex. Their "
      + "estate was large, and their residence was at Norland Park, in the centre of their property, "
      + "where, for many generations, they had lived in so respectable a manner as to engage the "
      + "general good opinion of their surrounding acquaintance.";
  private static final String GERMAN = "Die Familie Dashwood war seit langem in Sussex ansässig. Ihr Gut "
      + "war groß, und ihr Wohnsitz lag in Norland Park, in der Mitte ihres Besitzes, wo sie viele "
      + "Generationen lang so achtbar gelebt hatten, dass sie die gute Meinung ihrer Nachbarn genossen.";

  static Stream<Doc> fixture() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Doc> docs = new ArrayList<>();
    try (InputStream in = LanguageFilterTest.class.getResourceAsStream("/langid/fixture.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        JsonNode n = json.readTree(line);
        // The label rides in doc_id's prefix: "<lang>/<id>".
        docs.add(new Doc(n.get("lang").asText() + "/" + n.get("id").asText(), n.get("source").asText(),
            n.get("text").asText()));
      }
    }
    return docs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixture")
  void keepsEnglishAndRejectsEveryOtherFixtureLanguageNamingIt(Doc doc) {
    String lang = doc.docId().substring(0, doc.docId().indexOf('/'));
    Decision d = ENGLISH_ONLY.decide(doc);
    if (lang.equals("en")) {
      assertEquals(Decision.keep(), d, doc.docId());
    } else {
      Decision.Reject r = assertInstanceOf(Decision.Reject.class, d, doc.docId());
      assertEquals(RejectReason.LANGUAGE_NOT_ALLOWED, r.reason());
      assertTrue(r.detail().startsWith(lang + " "), doc.docId() + ": " + r.detail());
    }
  }

  @Test
  void japaneseProseAroundEnglishCommandsIsJapanese() throws IOException {
    Doc getent = fixture().filter(d -> d.docId().equals("ja/man-ja-getent.1")).findFirst().orElseThrow();
    assertTrue(getent.text().contains("getent [option]... database key..."), "the page mixes in English");
    assertEquals("ja", ENGLISH_ONLY.shares(getent.text()).dominant());
  }

  @Test
  void mixedDocumentIsJudgedByTheShareOfItsProse() {
    String mostlyEnglish = String.join("\n\n", ENGLISH, ENGLISH, ENGLISH, ENGLISH, ENGLISH, GERMAN);
    String splitEvenly = String.join("\n\n", ENGLISH, GERMAN, ENGLISH, GERMAN);
    assertEquals(Decision.keep(), ENGLISH_ONLY.decide(new Doc("a", "a", mostlyEnglish)));
    Decision.Reject r = assertInstanceOf(Decision.Reject.class, ENGLISH_ONLY.decide(new Doc("b", "b", splitEvenly)));
    assertEquals(RejectReason.LANGUAGE_NOT_ALLOWED, r.reason());
    assertTrue(r.detail().matches("(de|en) 0\\.\\d\\d (de|en) 0\\.\\d\\d \\(allowed 0\\.\\d\\d < 0\\.8\\)"), r.detail());
  }

  @Test
  void minShareIsTheBoundary() {
    LanguageShares eightyTwenty = new LanguageShares(java.util.Map.of("en", 80, "de", 20));
    LanguageShares justUnder = new LanguageShares(java.util.Map.of("en", 79, "de", 21));
    assertEquals(Decision.keep(), ENGLISH_ONLY.decide(eightyTwenty));
    assertEquals(RejectReason.LANGUAGE_NOT_ALLOWED,
        assertInstanceOf(Decision.Reject.class, ENGLISH_ONLY.decide(justUnder)).reason());
  }

  @Test
  void codeAndCommandsDoNotVoteButTheirProseDoes() {
    String doc = String.join("\n", GERMAN, "", "```", "for (int i = 0; i < n; i++) { total += values[i]; }",
        "System.out.println(\"The result is printed here, in English words\");", "```",
        "$ git clone https://example.org/the/repository.git --depth 1", "", GERMAN);
    LanguageShares shares = ENGLISH_ONLY.shares(doc);
    assertEquals(java.util.Set.of("de"), shares.letters().keySet(), shares.toString());
  }

  @Test
  void textWithoutProseIsUncertain() {
    Decision.Reject r = assertInstanceOf(Decision.Reject.class,
        ENGLISH_ONLY.decide(new Doc("n", "n.txt", "12345 67890 #### 3.14159\n$ ls -la /tmp")));
    assertEquals(RejectReason.LANGUAGE_UNCERTAIN, r.reason());
  }

  @Test
  void allowListDecides() {
    LanguageSettings d = LanguageSettings.PUBLISHED;
    LanguageFilter german = new LanguageFilter(
        new LanguageSettings(List.of("de"), d.minShare(), d.candidates(), d.accuracy(), d.sampleChars()));
    assertEquals(Decision.keep(), german.decide(new Doc("de", "de", GERMAN)));
    assertEquals(RejectReason.LANGUAGE_NOT_ALLOWED,
        assertInstanceOf(Decision.Reject.class, german.decide(new Doc("en", "en", ENGLISH))).reason());
  }

  @Test
  void theSettingsListOfKnownLanguagesIsLinguas() {
    assertEquals(List.copyOf(new java.util.TreeSet<>(LinguaIdentifier.KNOWN)), LanguageSettings.ALL_CANDIDATES);
    assertEquals(LanguageSettings.MIN_SAMPLE_CHARS, ProseText.SEGMENT_MIN);
  }

  @Test
  void unknownOrUncandidateLanguageIsAnErrorNamingTheKey() {
    LanguageSettings d = LanguageSettings.PUBLISHED;
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> new LanguageSettings(List.of("xx"), 0.8, d.candidates(), d.accuracy(), 3000));
    assertTrue(unknown.getMessage().startsWith("key 'data.filterSettings.language.allow' lists 'xx'"), unknown.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> new LanguageSettings(List.of("en"), 0.8, List.of("de", "fr"), d.accuracy(), 3000));
    assertTrue(missing.getMessage().startsWith("key 'data.filterSettings.language.candidates' must include every allowed language, also 'en'"), missing.getMessage());
  }

  @Test
  void sampleTakesSegmentsFromTheWholeDocumentWithinTheBudget() {
    List<String> segments = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      segments.add(String.format("%03d", i) + "x".repeat(297));
    }
    List<String> picked = ProseText.sample(segments, 3000);
    int chars = picked.stream().mapToInt(String::length).sum();
    assertTrue(chars >= 2400 && chars <= 3600, "picked " + chars);
    assertEquals(segments.get(0), picked.get(0));
    assertTrue(segments.indexOf(picked.get(picked.size() - 1)) >= 80, "reaches the end");
  }

  /** Names a segment English when it holds the English opening, else German, and counts its calls. */
  private static final class CountingIdentifier implements LanguageIdentifier {
    int calls;

    @Override
    public String identify(String text) {
      calls++;
      return text.contains("The family of Dashwood") ? "en" : "de";
    }
  }

  @Test
  void stopsJudgingOnceTheAllowedShareIsSure() {
    CountingIdentifier counting = new CountingIdentifier();
    LanguageFilter filter = new LanguageFilter(LanguageSettings.PUBLISHED, counting);
    String tenParagraphs = String.join("\n\n", java.util.Collections.nCopies(10, ENGLISH));
    assertEquals(10, ProseText.sampledSegments(tenParagraphs, 3000).size());
    assertEquals(Decision.keep(), filter.decide(new Doc("en", "en", tenParagraphs)));
    assertEquals(8, counting.calls, "eight of ten equal segments already hold minShare 0.8");
  }

  @Test
  void rejectedDocumentIsJudgedWhole() {
    CountingIdentifier counting = new CountingIdentifier();
    LanguageFilter filter = new LanguageFilter(LanguageSettings.PUBLISHED, counting);
    String doc = String.join("\n\n", GERMAN, GERMAN, ENGLISH, GERMAN, ENGLISH);
    Decision.Reject r = assertInstanceOf(Decision.Reject.class, filter.decide(new Doc("de", "de", doc)));
    assertEquals(5, counting.calls);
    assertTrue(r.detail().matches("de 0\\.\\d\\d en 0\\.\\d\\d .*"), "names both languages: " + r.detail());
  }

  @Test
  void shortDocumentIsSampledWholeWithItsCodeStripped() {
    String doc = String.join("\n", ENGLISH, "", "```", "int x = 1;", "```", "$ ls -la /tmp", "", GERMAN);
    assertEquals(ProseText.segments(doc), ProseText.sampledSegments(doc, 3000));
    assertEquals(2, ProseText.segments(doc).size());
  }

  @Test
  void longDocumentIsSampledFromStartToEndWithinTheBudget() {
    List<String> paragraphs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      paragraphs.add("tag" + (char) ('a' + i / 26) + (char) ('a' + i % 26) + " " + ENGLISH);
    }
    List<String> sampled = ProseText.sampledSegments(String.join("\n\n", paragraphs), 3000);
    int chars = sampled.stream().mapToInt(String::length).sum();
    assertTrue(chars >= 2400 && chars <= 3000 + ProseText.SEGMENT_MAX, "sampled " + chars);
    assertTrue(sampled.get(0).startsWith("tagaa "), sampled.get(0));
    String last = sampled.get(sampled.size() - 1);
    int lastIndex = paragraphs.indexOf(last.substring(last.lastIndexOf("tag")));
    assertTrue(lastIndex >= 48, "reaches the last fifth, got paragraph " + lastIndex);
  }
}
