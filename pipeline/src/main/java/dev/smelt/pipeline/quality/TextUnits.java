package dev.smelt.pipeline.quality;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The units the heuristic filters measure: words, lines, paragraphs, n-grams. Words approximate
 * DataTrove's {@code split_into_words}: whitespace-separated tokens with leading and trailing
 * punctuation stripped; tokens that are punctuation only are not words.
 */
public final class TextUnits {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern LINES = Pattern.compile("\n+");
  private static final Pattern PARAGRAPHS = Pattern.compile("\n{2,}");
  private static final Pattern EDGE_PUNCT =
      Pattern.compile("^[\\p{Punct}\\p{IsPunctuation}]+|[\\p{Punct}\\p{IsPunctuation}]+$");

  private TextUnits() {}

  /** Words, in order, with their case kept. */
  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String token : WHITESPACE.split(text.strip())) {
      String word = EDGE_PUNCT.matcher(token).replaceAll("");
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  /** Non-empty lines (runs of newlines split, as DataTrove's {@code \n+}). */
  public static List<String> lines(String text) {
    return nonEmpty(LINES.split(text.strip()));
  }

  /** Paragraphs: blocks separated by a blank line ({@code \n{2,}}). */
  public static List<String> paragraphs(String text) {
    return nonEmpty(PARAGRAPHS.split(text.strip()));
  }

  private static List<String> nonEmpty(String[] parts) {
    List<String> out = new ArrayList<>(parts.length);
    for (String part : parts) {
      if (!part.isEmpty()) {
        out.add(part);
      }
    }
    return out;
  }

  /**
   * Repeated elements and their characters: every occurrence after the first of an element counts
   * (DataTrove's {@code find_duplicates}).
   */
  public static Duplicates duplicates(List<String> elements) {
    Set<String> seen = new HashSet<>();
    int elems = 0;
    long chars = 0;
    for (String e : elements) {
      if (!seen.add(e)) {
        elems++;
        chars += e.length();
      }
    }
    return new Duplicates(elems, chars);
  }

  /** How many elements repeat an earlier one, and how many characters those repeats hold. */
  public record Duplicates(int elements, long chars) {}
}
