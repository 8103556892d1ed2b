package dev.smelt.pipeline.language;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prose of a document, in segments for the detector: code blocks, command lines, URLs, paths,
 * options and identifiers are stripped, so that English commands inside Japanese (or any other)
 * prose do not vote for English. Segments are whole paragraphs merged up to at least
 * {@link #SEGMENT_MIN} characters, so that a stray heading is judged together with its text.
 */
final class ProseText {
  static final int SEGMENT_MIN = 200;
  static final int SEGMENT_MAX = 1_000;
  /**
   * Raw characters taken per sampled character: stripping shrinks a raw paragraph (little for
   * prose, much for a code page), so twice the budget is stripped to leave about the budget.
   */
  private static final int RAW_PER_SAMPLED = 2;

  private static final Pattern FENCE = Pattern.compile("(?m)^\\s*(```|~~~)");
  /** Shell prompts and similar: the line is a command, not prose. */
  private static final Pattern COMMAND_LINE = Pattern.compile("^\\s*(\\$|%|>>>|[A-Z]:\\\\>|#!)\\s?\\S");
  static final Pattern CODE_TOKENS = Pattern.compile(String.join("|",
      "`[^`\\n]*`",                                  // inline code
      "<[^>\\n]{1,200}>",                            // markup tags
      "\\b[a-zA-Z][\\w+.-]*://\\S+", "\\bwww\\.\\S+", // URLs
      "\\S+@\\S+\\.\\w+",                            // mail addresses
      "(?<!\\w)--?[\\w][\\w=-]*",                    // command-line options
      "\\S*[/\\\\]\\S*",                             // paths
      "\\S*[\\w)\\]][({\\[=<>|&*^$#@~]\\S*",          // calls, assignments, operators
      "\\b\\w*(_\\w*|\\.[a-zA-Z]\\w*)+\\b",          // snake_case, dotted.names
      "\\b[a-z]+[A-Z]\\w*\\b",                       // camelCase
      "\\b[A-Z][A-Z0-9]+\\b",                        // CONSTANTS and man-page placeholders
      "\\b\\w*\\d\\w*\\b"));                         // numbers, versions, hex
  /** The characters that make a line code when they are more than one in ten of its visible ones. */
  private static final String CODE_SYMBOLS = "{}[]();=<>|&$#@\\^~*";

  private ProseText() {}

  /**
   * About {@code budget} characters of prose segments, spread over the whole of {@code text}. Only
   * the raw paragraphs picked are stripped of code: stripping is the costly part, and a long
   * document would otherwise be stripped whole to judge a tenth of it.
   */
  static List<String> sampledSegments(String text, int budget) {
    List<String> picked = sample(rawParagraphs(text), budget * RAW_PER_SAMPLED);
    return sample(merge(stripCode(picked)), budget);
  }

  /** The prose segments of {@code text}, in order; empty when nothing readable is left. */
  static List<String> segments(String text) {
    return merge(stripCode(rawParagraphs(text)));
  }

  /** Whole segments, evenly spread over the document, about {@code budget} characters in all. */
  static List<String> sample(List<String> segments, int budget) {
    int total = segments.stream().mapToInt(String::length).sum();
    if (total <= budget) {
      return segments;
    }
    List<String> picked = new ArrayList<>();
    double step = (double) total / budget;
    double next = 0;
    int seen = 0;
    for (String segment : segments) {
      // Take a segment when the running length passes the next sampling point.
      if (seen + segment.length() > next) {
        picked.add(segment);
        next += step * segment.length();
      }
      seen += segment.length();
    }
    return picked;
  }

  /** Paragraphs merged up to at least {@link #SEGMENT_MIN} characters, long ones cut. */
  private static List<String> merge(List<String> paragraphs) {
    List<String> segments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String paragraph : paragraphs) {
      if (current.length() > 0) {
        current.append(' ');
      }
      current.append(paragraph);
      if (current.length() >= SEGMENT_MIN) {
        splitLong(current.toString(), segments);
        current.setLength(0);
      }
    }
    if (current.length() > 0) {
      if (!segments.isEmpty() && current.length() < SEGMENT_MIN / 2) {
        // A short tail (a signature, a footer) joins the segment before it.
        segments.set(segments.size() - 1, segments.get(segments.size() - 1) + ' ' + current);
      } else {
        segments.add(current.toString());
      }
    }
    return segments;
  }

  /** Blank-line separated runs of lines as written, fenced code blocks (and their fences) left out. */
  private static List<String> rawParagraphs(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    boolean inFence = false;
    for (String line : text.split("\n", -1)) {
      if ((line.contains("```") || line.contains("~~~")) && FENCE.matcher(line).find()) {
        inFence = !inFence;
      } else if (!inFence && line.isBlank()) {
        addNonEmpty(paragraph, out);
      } else if (!inFence) {
        paragraph.append(paragraph.length() > 0 ? "\n" : "").append(line);
      }
    }
    addNonEmpty(paragraph, out);
    return out;
  }

  private static void addNonEmpty(StringBuilder paragraph, List<String> out) {
    if (paragraph.length() > 0) {
      out.add(paragraph.toString());
    }
    paragraph.setLength(0);
  }

  /** Each raw paragraph without command lines, code lines and code tokens; a line left empty ends a paragraph. */
  private static List<String> stripCode(List<String> rawParagraphs) {
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    CodeTokens codeTokens = new CodeTokens();
    for (String raw : rawParagraphs) {
      for (String rawLine : raw.split("\n")) {
        if (COMMAND_LINE.matcher(rawLine).lookingAt() || looksLikeCode(rawLine)) {
          continue;
        }
        String prose = codeTokens.prose(rawLine);
        if (prose.isEmpty()) {
          flush(paragraph, out);
        } else {
          paragraph.append(paragraph.length() > 0 ? " " : "").append(prose);
        }
      }
      flush(paragraph, out);
    }
    return out;
  }

  /**
   * {@code CODE_TOKENS.matcher(line).replaceAll(" ")}, without running the regex over plain words.
   * Only inline code and tags can span whitespace; every other alternative matches inside one run
   * of non-whitespace (its lookarounds see whitespace or nothing at the run's ends, as they see
   * nothing at the ends of a matcher's region), so a line without {@code `} or {@code <} is
   * replaced run by run: a run that {@link #plain} says no alternative can match is kept as it is,
   * a run of letters and digits with a digit in it is one match (by {@code \b\w*\d\w*\b}, or
   * a camelCase or capitals alternative before it, all of which take the whole run), and any
   * other run is left to the regex. One matcher and buffer are reused for all the lines of a
   * call (an instance is not shared between threads).
   */
  static final class CodeTokens {
    private final Matcher matcher = CODE_TOKENS.matcher("");
    private final StringBuilder replaced = new StringBuilder();
    private final StringBuilder collapsed = new StringBuilder();

    /** The line without code tokens, whitespace runs made one space, stripped. */
    String prose(String line) {
      withoutCodeTokens(line);
      collapsed.setLength(0);
      for (int i = 0; i < replaced.length(); i++) { // replaceAll("\\s+", " ")
        char c = replaced.charAt(i);
        if (!isSpace(c)) {
          collapsed.append(c);
        } else if (i == 0 || !isSpace(replaced.charAt(i - 1))) {
          collapsed.append(' ');
        }
      }
      return collapsed.toString().strip();
    }

    /** {@code CODE_TOKENS.matcher(line).replaceAll(" ")}. */
    String withoutCodeTokens(String line) {
      replaced.setLength(0);
      if (line.indexOf('`') >= 0 || line.indexOf('<') >= 0) {
        replace(line, 0, line.length());
        return replaced.toString();
      }
      int i = 0;
      int n = line.length();
      while (i < n) {
        int start = i;
        while (i < n && isSpace(line.charAt(i))) {
          i++;
        }
        replaced.append(line, start, i);
        start = i;
        while (i < n && !isSpace(line.charAt(i))) {
          i++;
        }
        if (plain(line, start, i)) {
          replaced.append(line, start, i);
        } else if (alphanumericWithDigit(line, start, i)) {
          replaced.append(' ');
        } else if (start < i) {
          replace(line, start, i);
        }
      }
      return replaced.toString();
    }

    /** The regex's replacement of every match in {@code line[from, to)} by a space. */
    private void replace(String line, int from, int to) {
      matcher.reset(line).region(from, to);
      int at = from;
      while (matcher.find()) {
        replaced.append(line, at, matcher.start()).append(' ');
        at = matcher.end();
      }
      replaced.append(line, at, to);
    }
  }

  /** ASCII letters and digits only, at least one digit. */
  private static boolean alphanumericWithDigit(String s, int from, int to) {
    boolean digit = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (!isAsciiLetter(c)) {
        return false;
      }
    }
    return digit;
  }

  /** The regex's {@code \s} (ASCII whitespace, as {@code Pattern} has it without UNICODE_CHARACTER_CLASS). */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /**
   * True only when no alternative of {@link #CODE_TOKENS} can match inside {@code s[from, to)}, a
   * run without whitespace or {@code `} or {@code <}: each alternative needs a character or pair
   * this rules out (a digit, {@code _ / \\ @}, an operator or an opening bracket after a word
   * character, {@code -} after anything but a letter, {@code .} before a letter or after {@code www},
   * a lowercase letter before a capital, two capitals in a row). Letters outside ASCII
   * never match {@code \w}, {@code [a-zA-Z]} or {@code \d}. When in doubt it says false, and the
   * regex decides.
   */
  static boolean plain(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || (c >= 'a' && c <= 'z')) {
        continue;
      }
      if (c >= 'A' && c <= 'Z') {
        boolean afterLower = i > from && isLower(s.charAt(i - 1));
        boolean beforeCapital = i + 1 < to && isUpperOrDigit(s.charAt(i + 1));
        if (afterLower || beforeCapital) {
          return false;
        }
        continue;
      }
      switch (c) {
        case '!', '"', '%', '\'', ',', ';', '?', '}', ')', ']', '+', ':' -> { }
        case '(', '[', '{' -> { // an operator only right after a word character, ')' or ']'
          if (i > from && opensCall(s.charAt(i - 1))) {
            return false;
          }
        }
        case '-' -> { // an option only where no word character comes before
          if (!(i > from && isAsciiLetter(s.charAt(i - 1)))) {
            return false;
          }
        }
        case '.' -> {
          boolean beforeLetter = i + 1 < to && isAsciiLetter(s.charAt(i + 1));
          boolean afterWww = i - 3 >= from && s.startsWith("www", i - 3);
          if (beforeLetter || afterWww) {
            return false;
          }
        }
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean opensCall(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == ')' || c == ']';
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isUpperOrDigit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isAsciiLetter(char c) {
    return isLower(c) || (c >= 'A' && c <= 'Z');
  }

  /** A line where code symbols are more than one in ten of its visible characters. */
  private static boolean looksLikeCode(String line) {
    int visible = 0;
    int symbols = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      visible += Character.isWhitespace(c) ? 0 : 1;
      symbols += CODE_SYMBOLS.indexOf(c) >= 0 ? 1 : 0;
    }
    return visible > 0 && symbols * 10 > visible;
  }

  private static void flush(StringBuilder paragraph, List<String> out) {
    if (hasLetter(paragraph)) {
      out.add(paragraph.toString());
    }
    paragraph.setLength(0);
  }

  private static boolean hasLetter(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLetter(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static void splitLong(String text, List<String> out) {
    int start = 0;
    while (text.length() - start > SEGMENT_MAX) {
      int cut = text.lastIndexOf(' ', start + SEGMENT_MAX);
      cut = cut <= start + SEGMENT_MIN ? start + SEGMENT_MAX : cut;
      out.add(text.substring(start, cut).strip());
      start = cut;
    }
    out.add(text.substring(start).strip());
  }

  /** Letters only: the weight of a segment in the shares (digits and punctuation do not vote). */
  static int letters(String segment) {
    return (int) segment.chars().filter(Character::isLetter).count();
  }
}
