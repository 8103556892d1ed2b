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
  private static final Pattern LINES = Pattern.compile("\n+");
  private static final Pattern PARAGRAPHS = Pattern.compile("\n{2,}");
  /** What {@link #words} cuts off each token's ends; kept as the reference its tests compare with. */
  static final Pattern EDGE_PUNCT =
      Pattern.compile("^[\\p{Punct}\\p{IsPunctuation}]+|[\\p{Punct}\\p{IsPunctuation}]+$");

  private TextUnits() {}

  /**
   * Words, in order, with their case kept: the tokens between runs of {@code \s} with their leading
   * and trailing {@code [\p{Punct}\p{IsPunctuation}]+} cut off, as splitting on {@code \s+} and
   * removing {@code ^[…]+|[…]+$} does, by hand (the regexes were a twentieth of the data stage,
   * docs/throughput.md). As in that regex, {@code $} also matches before a final line terminator.
   */
  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    String stripped = text.strip();
    int n = stripped.length();
    for (int i = 0; i < n; ) {
      while (i < n && isSpace(stripped.charAt(i))) {
        i++;
      }
      int end = i;
      while (end < n && !isSpace(stripped.charAt(end))) {
        end++;
      }
      if (end > i) {
        String word = withoutEdgePunctuation(stripped, i, end);
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
      i = end;
    }
    return words;
  }

  /** {@code text[from, to)} without its leading and trailing punctuation ({@link #EDGE_PUNCT}). */
  static String withoutEdgePunctuation(String text, int from, int to) {
    int start = from;
    while (start < to) {
      int cp = text.codePointAt(start);
      if (!isPunctuation(cp)) {
        break;
      }
      start += Character.charCount(cp);
    }
    // $ without MULTILINE matches at the end and before a line terminator that ends the input.
    int tail = to > start && isLineTerminator(text.charAt(to - 1)) ? to - 1 : to;
    int end = tail;
    while (end > start) {
      int cp = text.codePointBefore(end);
      if (!isPunctuation(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return end == tail ? text.substring(start, to) : text.substring(start, end) + text.substring(tail, to);
  }

  /** {@code \s}: ASCII whitespace. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** What {@code $} treats as a line terminator and {@code \s} does not split on. */
  private static boolean isLineTerminator(char c) {
    return c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** {@code [\p{Punct}\p{IsPunctuation}]}: ASCII punctuation or a Unicode punctuation category. */
  static boolean isPunctuation(int cp) {
    if (cp < 0x80) {
      return cp > 0x20 && cp < 0x7F && !Character.isLetterOrDigit(cp);
    }
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
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
