package dev.smelt.pipeline.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smelt.pipeline.copyright.Shingles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written word splitters ({@link TextUnits#words}, {@link Shingles#words}) give what the
 * regexes they replaced gave, on texts made of the characters where the two could differ: ASCII
 * and Unicode punctuation (also outside the BMP), symbols, letters and digits of several scripts,
 * ASCII and Unicode spaces, line terminators that {@code $} knows and {@code \s} does not, lone
 * surrogates.
 */
class TextUnitsTest {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");
  private static final String[] PIECES = {"a", "Z", "é", "İ", "ß", "ж", "中", "٣", "7", "x9", ".", ",",
      "!", "\"", "'", "$", "+", "<", "^", "`", "|", "~", "_", "-", "«", "»", "—", "¿", "・", "‘", "€",
      "©", "²", "½", "\u0301", "𝐀", "𐤟", "😀", "\ud800", "\udc00", " ", "  ", "\t", "\n", "\n\n",
      "\r\n", "\u000B", "\f", "\u00A0", "\u2003", "\u3000", "\u0085", "\u2028", "\u2029", "word",
      "(hi)", "end.", "\"quoted\"", "…"};

  @Test
  void wordsMatchTheRegexSplitOnGeneratedTexts() {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      String text = text(random);
      assertEquals(regexWords(text), TextUnits.words(text), () -> "text " + escaped(text));
      assertEquals(regexShingleWords(text), Shingles.words(text), () -> "text " + escaped(text));
    }
  }

  @Test
  void wordsMatchTheRegexSplitOnEdgeCases() {
    for (String text : List.of("", " ", "...", "a.\u2028", ".\u2028", "..\u2028", "a\u2028.", "(a)",
        "«a»", "a.b.", "𐤟a𐤟", "\ud800.", ".\udc00", "\u0085", "x \u2029 y.\u0085 z", "İstanbul")) {
      assertEquals(regexWords(text), TextUnits.words(text), () -> "text " + escaped(text));
      assertEquals(regexShingleWords(text), Shingles.words(text), () -> "text " + escaped(text));
    }
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(40);
    for (int p = 0; p < pieces; p++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  /** The implementation before: split on \s+, then replaceAll of EDGE_PUNCT. */
  private static List<String> regexWords(String text) {
    List<String> words = new ArrayList<>();
    for (String token : WHITESPACE.split(text.strip())) {
      String word = TextUnits.EDGE_PUNCT.matcher(token).replaceAll("");
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static List<String> regexShingleWords(String text) {
    List<String> words = new ArrayList<>();
    for (String w : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.toString();
  }
}
