package dev.smelt.pipeline.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.settings.filter.DetectorAccuracy;
import dev.smelt.settings.filter.LanguageSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LinguaTrigramsTest {
  private static final LinguaIdentifier ALL =
      LinguaIdentifier.of(LanguageSettings.ALL_CANDIDATES, DetectorAccuracy.LOW);

  /** Every fixture text, its sampled segments, and short and mid-sized slices of each. */
  static List<String> texts() throws IOException {
    List<String> texts = new ArrayList<>(List.of("", "   ", "1234 5678", "ab", "abc", "x y z", "日本語",
        "The cat sat.", "Ça va? Oui, ça va très bien.", "Straße", "ǅemal ǆ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters 𝔞𝔫𝔡 words",
        "한국어와 English mixed", "Привет, как дела? Hello there, how are you?"));
    for (Doc doc : LanguageFilterTest.fixture().toList()) {
      String text = doc.text();
      texts.add(text);
      texts.addAll(ProseText.sampledSegments(text, 3_000));
      for (int at = 0; at + 60 <= text.length(); at += 97) {
        texts.add(text.substring(at, at + 60));
        texts.add(text.substring(at, Math.min(text.length(), at + 250)));
      }
    }
    return texts;
  }

  @Test
  void answersWhatLinguaAnswersForEveryTextOfTheFixture() throws IOException {
    List<String> texts = texts();
    Set<Language> seen = new HashSet<>();
    for (String text : texts) {
      Language lingua = ALL.detectOneAtATime(text);
      seen.add(lingua);
      assertEquals(lingua, ALL.trigrams().detect(text), () -> "for: " + text);
    }
    assertTrue(texts.size() > 1_000, "texts checked: " + texts.size());
    assertTrue(seen.size() > 30, "languages among the answers: " + seen);
    assertTrue(seen.contains(Language.UNKNOWN), "some text is unknown to both");
  }

  @Test
  void splitsWordsAsLinguaDoes() throws IOException {
    LanguageDetector lingua = LanguageDetectorBuilder.fromAllLanguages().withLowAccuracyMode().build();
    int logograms = 0;
    for (String text : texts()) {
      for (String form : List.of(text, lingua.cleanUpInputText$lingua(text))) {
        List<String> words = lingua.splitTextIntoWords$lingua(form);
        assertEquals(words, LinguaTrigrams.words(form), () -> "for: " + form);
        logograms += words.contains("日") ? 1 : 0;
      }
    }
    assertTrue(logograms > 0, "some text splits into logograms");
  }

  @Test
  void answersWhatLinguaAnswersWithFewCandidates() throws IOException {
    LinguaIdentifier few = LinguaIdentifier.of(List.of("en", "de", "nl", "fr"), DetectorAccuracy.LOW);
    for (String text : texts()) {
      assertEquals(few.detectOneAtATime(text), few.trigrams().detect(text), () -> "for: " + text);
    }
  }

  @Test
  void givesTheSameAnswersFromParallelThreads() throws Exception {
    List<String> texts = texts();
    List<Language> expected = texts.stream().map(ALL::detectOneAtATime).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Language>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> texts.stream().map(s -> ALL.trigrams().detect(s)).toList()));
      }
      for (Future<List<Language>> run : runs) {
        assertEquals(expected, run.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesHighAccuracyDetectors() {
    assertThrows(IllegalArgumentException.class, () -> new LinguaTrigrams(
        LanguageDetectorBuilder.fromLanguages(Language.ENGLISH, Language.GERMAN).build()));
  }
}
