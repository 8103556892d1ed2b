package dev.smelt.pipeline.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ProseText}'s run-by-run stripping answers what the code-token regex answers over the whole
 * line, and what it calls plain is text the regex cannot match.
 */
class ProseTextTest {
  /** Letters, digits, the regex's special characters, spaces, accents, CJK, a combining mark, a surrogate pair. */
  private static final String[] PIECES = {"a", "e", "w", "www", "x", "Z", "A", "B", "HTML", "The", "é", "ß", "日本",
      "語", "\u0301", "𝔘", "0", "7", " ", " ", " ", "\t", "\u00a0", ".", ".", ",", ";", ":", "!", "?", "'", "\"", "%",
      "-", "--", "_", "/", "\\", "@", "(", ")", "[", "]", "{", "}", "=", "<", ">", "|", "&", "*", "^", "$", "#", "~",
      "+", "`", "://", "e.g.", "camelCase", "snake_case", "x86", "foo()", "--help", "http://x.org/a", "a@b.com"};

  static List<String> lines() throws IOException {
    List<String> lines = new ArrayList<>(List.of("", " ", "plain words only", "The HTML page, (see below).",
        "Visit www.example.com or www. then", "a--b --c -d e-f", "1999 x86 86x AB9 aB9 a9B 9 2nd, 3.", "getValue() returns x=1; y|z & w",
        "end.Next sentence. And e.g. this", "日本語の文章です。English words (英語) in between.",
        "Non-English, well-known; 'quoted' \"text\"! Really? 100% } ] ) +:", "café naïve Ünïcode ÀB Ab aB",
        "C:\\> dir", "see <b>bold</b> and `code here` now", "x\u0301y z\u0301"));
    for (Doc doc : LanguageFilterTest.fixture().toList()) {
      lines.addAll(List.of(doc.text().split("\n")));
    }
    Random random = new Random(15);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder line = new StringBuilder();
      for (int n = random.nextInt(12); n >= 0; n--) {
        line.append(PIECES[random.nextInt(PIECES.length)]);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  @Test
  void stripsEveryLineAsTheRegexDoesOverTheWholeLine() throws IOException {
    ProseText.CodeTokens codeTokens = new ProseText.CodeTokens();
    List<String> lines = lines();
    for (String line : lines) {
      String replaced = ProseText.CODE_TOKENS.matcher(line).replaceAll(" ");
      assertEquals(replaced, codeTokens.withoutCodeTokens(line), () -> "for: " + line);
      assertEquals(replaced.replaceAll("\\s+", " ").strip(), codeTokens.prose(line), () -> "for: " + line);
    }
    assertTrue(lines.size() > 20_000, "lines checked: " + lines.size());
  }

  @Test
  void aPlainRunIsOneTheRegexCannotMatch() throws IOException {
    int plain = 0;
    int runs = 0;
    for (String line : lines()) {
      for (String run : line.split("[ \\t\\n\\x0B\\f\\r]+")) {
        if (run.isEmpty() || run.indexOf('`') >= 0 || run.indexOf('<') >= 0) {
          continue;
        }
        runs++;
        if (ProseText.plain(run, 0, run.length())) {
          plain++;
          assertFalse(ProseText.CODE_TOKENS.matcher(run).find(), () -> "called plain: " + run);
        }
      }
    }
    // Not vacuous: most runs of prose are plain, and many of the random ones are not.
    assertTrue(plain > runs / 3 && plain < runs, "plain " + plain + " of " + runs);
  }

  @Test
  void plainWordsAreKeptAndCodeIsNot() {
    assertTrue(ProseText.plain("Hello,", 0, 6));
    assertTrue(ProseText.plain("日本語。", 0, 4));
    assertFalse(ProseText.plain("getValue", 0, 8));
    assertFalse(ProseText.plain("HTML", 0, 4));
    assertFalse(ProseText.plain("end.Next", 0, 8));
    assertFalse(ProseText.plain("www.,", 0, 5));
    assertFalse(ProseText.plain("x86", 0, 3));
  }
}
