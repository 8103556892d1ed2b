package dev.smelt.settings.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smelt.settings.SettingsException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each record refuses a bad value as it is made, naming the key; values on the boundary pass. */
class FilterSettingsChecksTest {
  private static String refused(Executable make) {
    return assertThrows(SettingsException.class, make).getMessage();
  }

  private static GopherQualitySettings words(int min, int max) {
    GopherQualitySettings p = GopherQualitySettings.PUBLISHED;
    return new GopherQualitySettings(min, max, p.minMeanWordLength(), p.maxMeanWordLength(),
        p.maxSymbolWordRatio(), p.maxBulletLinesRatio(), p.maxEllipsisLinesRatio(),
        p.minAlphaWordsRatio(), p.minStopWords());
  }

  @Test
  void publishedSettingsPassTheirOwnChecks() {
    assertEquals(FilterSettings.DEFAULTS.gopherQuality(), GopherQualitySettings.PUBLISHED);
    assertEquals(List.of("en"), FilterSettings.DEFAULTS.language().allow());
  }

  @Test
  void maxWordsMustExceedMinWordsAndTheMessageNamesTheKey() {
    words(50, 51);
    assertEquals("key 'data.filterSettings.gopherQuality.maxWords' must be greater than "
        + "gopherQuality.minWords (>= 0)", refused(() -> words(50, 50)));
    refused(() -> words(-1, 10));
  }

  @Test
  void aFractionMayBeOneButNotMore() {
    FineWebSettings p = FineWebSettings.PUBLISHED;
    new FineWebSettings(1.0, p.maxShortLineRatio(), p.shortLineChars(), p.maxDupLineCharRatio(), 0.3);
    assertEquals("key 'data.filterSettings.fineweb.minLinePunctRatio' must be between 0 and 1",
        refused(() -> new FineWebSettings(1.01, p.maxShortLineRatio(), p.shortLineChars(),
            p.maxDupLineCharRatio(), 0.3)));
  }

  @Test
  void listsOfThresholdsNeedTheirLengthAndAnIndexedKeyNamesTheBadItem() {
    GopherRepetitionSettings r = GopherRepetitionSettings.PUBLISHED;
    String e = refused(() -> new GopherRepetitionSettings(0.3, 0.3, 0.2, 0.2, List.of(0.2, 0.18),
        r.maxDupNgramCharFraction()));
    assertEquals("key 'data.filterSettings.gopherRepetition.maxTopNgramCharFraction' must be 3 values "
        + "between 0 and 1, for n = 2, 3, 4", e);
    assertEquals("key 'data.filterSettings.pii.kinds[1]' 'ssn' is not a PII kind; known: "
        + String.join(", ", PiiSettings.KINDS), refused(() -> new PiiSettings(List.of("email", "ssn"), 3.5, 16)));
    assertEquals("key 'data.filterSettings.toxicity.languages[0]' has no bundled lexicon; bundled: en, de, fr, es",
        refused(() -> new ToxicitySettings(List.of("it"), 1, List.of(0.0, 0.25, 1.0), 0.01, 3)));
  }

  @Test
  void closedSetsNameTheirKeyWhenGivenAnUnknownWord() {
    assertEquals("key 'data.filterSettings.language.accuracy' must be high or low, not 'medium'",
        refused(() -> DetectorAccuracy.of("medium")));
    assertEquals("key 'data.filterSettings.fuzzyDedup.shingle' must be word or char, not 'WORD'",
        refused(() -> ShingleKind.fromConfig("WORD")));
    assertEquals("key 'data.filterSettings.decontaminate.policy' must be drop or tag, not 'delete'",
        refused(() -> DecontaminateSettings.Policy.of("delete")));
    CopyrightSettings c = CopyrightSettings.PUBLISHED;
    assertEquals("key 'data.filterSettings.copyright.noticePolicy' must be drop or tag",
        refused(() -> new CopyrightSettings("tag", 0.5, "delete", "drop", List.of(), List.of(),
            "drop", "", 0.2)));
    assertEquals("key 'data.filterSettings.copyright.optOutDomains[0]' must be a domain such as example.com",
        refused(() -> new CopyrightSettings("tag", 0.5, "tag", "drop", List.of(), List.of("localhost"),
            "drop", c.protectedDir(), 0.2)));
  }

  @Test
  void theLanguageSampleMayBeTheShortestSegmentButNotLess() {
    LanguageSettings p = LanguageSettings.PUBLISHED;
    new LanguageSettings(p.allow(), p.minShare(), p.candidates(), p.accuracy(), LanguageSettings.MIN_SAMPLE_CHARS);
    assertEquals("key 'data.filterSettings.language.sampleChars' must be at least 200",
        refused(() -> new LanguageSettings(p.allow(), p.minShare(), p.candidates(), p.accuracy(), 199)));
  }
}
