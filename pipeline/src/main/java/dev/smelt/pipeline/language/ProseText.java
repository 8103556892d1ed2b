package dev.smelt.pipeline.language;

import java.util.ArrayList;
import java.util.List;
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
  private static final Pattern CODE_TOKENS = Pattern.compile(String.join("|",
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
  private static final Pattern CODE_SYMBOL = Pattern.compile("[{}\\[\\]();=<>|&$#@\\\\^~*]");

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
      if (FENCE.matcher(line).find()) {
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
    for (String raw : rawParagraphs) {
      for (String line : raw.split("\n")) {
        if (COMMAND_LINE.matcher(line).find() || looksLikeCode(line)) {
          continue;
        }
        String prose = CODE_TOKENS.matcher(line).replaceAll(" ").replaceAll("\\s+", " ").strip();
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

  /** A line where code symbols are more than one in ten of its visible characters. */
  private static boolean looksLikeCode(String line) {
    long visible = line.chars().filter(c -> !Character.isWhitespace(c)).count();
    long symbols = CODE_SYMBOL.matcher(line).results().count();
    return visible > 0 && symbols * 10 > visible;
  }

  private static void flush(StringBuilder paragraph, List<String> out) {
    if (paragraph.chars().anyMatch(Character::isLetter)) {
      out.add(paragraph.toString());
    }
    paragraph.setLength(0);
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
