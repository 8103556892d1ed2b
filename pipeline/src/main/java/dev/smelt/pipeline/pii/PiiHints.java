package dev.smelt.pipeline.pii;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * For each of {@link PiiRedactor}'s patterns, a cheap test that is true wherever the pattern could
 * match: a literal its every match contains, or a count its every match needs. Ten regex scans of
 * every document were a tenth of the data stage (docs/throughput.md); a hint that is false skips
 * its scan, and a true one changes nothing, so the redaction is the same.
 */
final class PiiHints {
  /** "-----BEGIN … PRIVATE KEY-----". */
  static final Predicate<String> PRIVATE_KEY = containsAny("PRIVATE KEY-----");
  /** The four key-id prefixes. */
  static final Predicate<String> AWS_KEY = containsAny("AKIA", "ASIA", "ABIA", "ACCA");
  /** gh[pousr]_ or github_pat_. */
  static final Predicate<String> GITHUB_TOKEN = containsAny("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_");
  static final Predicate<String> SLACK_TOKEN = containsAny("xox");
  /**
   * The keyword and its separator, as SECRET_VALUE has them after its leading {@code [\w.-]*}:
   * {@link #SECRET_KEYWORD}, found by {@link #secretKeyword} without the regex (its scan of every
   * document was a fortieth of the data stage, docs/throughput.md).
   */
  static final Predicate<String> SECRET_VALUE = PiiHints::secretKeyword;
  /** What {@link #secretKeyword} finds; its test compares the two. */
  static final Pattern SECRET_KEYWORD = Pattern.compile(
      "(?i)(?:key|token|secret|passw(?:or)?d|pwd|credential)s?[\"']?\\s*[:=]");
  private static final String[] SECRET_WORDS =
      {"key", "token", "secret", "password", "passwd", "pwd", "credential"};
  static final Predicate<String> EMAIL = containsAny("@");
  /** 13 or more digits. */
  static final Predicate<String> CARD = text -> asciiDigits(text, 13);
  /** Two colons at most four characters apart: {@code (?:[0-9A-Fa-f]{0,4}:){2,7}}. */
  static final Predicate<String> IPV6 = PiiHints::closeColons;
  /** A digit, a dot, a digit: how every dotted quad starts. */
  static final Predicate<String> IPV4 = PiiHints::digitDotDigit;
  /** 9 or more digits (a phone's least, counted in the match). */
  static final Predicate<String> PHONE = text -> asciiDigits(text, 9);

  private PiiHints() {}

  private static Predicate<String> containsAny(String... literals) {
    List<String> all = List.of(literals);
    return text -> {
      for (String literal : all) {
        if (text.contains(literal)) {
          return true;
        }
      }
      return false;
    };
  }

  /** Whether {@code text} holds at least {@code least} of the digits {@code \d} matches (0–9). */
  static boolean asciiDigits(String text, int least) {
    int digits = 0;
    for (int i = 0; i < text.length() && digits < least; i++) {
      char c = text.charAt(i);
      digits += c >= '0' && c <= '9' ? 1 : 0;
    }
    return digits >= least;
  }

  /**
   * Whether {@link #SECRET_KEYWORD} occurs: some {@code :} or {@code =} preceded by ASCII
   * whitespace, then maybe a quote, maybe an {@code s}, then a keyword, its letters in either ASCII
   * case (what {@code (?i)} means without {@code UNICODE_CASE}).
   */
  static boolean secretKeyword(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ':' && c != '=') {
        continue;
      }
      int end = i;
      while (end > 0 && isAsciiSpace(text.charAt(end - 1))) {
        end--;
      }
      if (keywordMaybePluralEndsAt(text, end)) {
        return true;
      }
      if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')
          && keywordMaybePluralEndsAt(text, end - 1)) {
        return true;
      }
    }
    return false;
  }

  private static boolean keywordMaybePluralEndsAt(String text, int end) {
    return keywordEndsAt(text, end)
        || end > 0 && (text.charAt(end - 1) | 0x20) == 's' && keywordEndsAt(text, end - 1);
  }

  private static boolean keywordEndsAt(String text, int end) {
    for (String word : SECRET_WORDS) {
      int start = end - word.length();
      if (start >= 0 && asciiIgnoringCase(text, start, word)) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} from {@code start} spells the lower-case ASCII {@code word}, in either case. */
  private static boolean asciiIgnoringCase(String text, int start, String word) {
    for (int j = 0; j < word.length(); j++) {
      if ((text.charAt(start + j) | 0x20) != word.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  /** {@code \s} without UNICODE_CHARACTER_CLASS. */
  private static boolean isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  static boolean closeColons(String text) {
    int last = Integer.MIN_VALUE / 2;
    for (int i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
      if (i - last <= 5) {
        return true;
      }
      last = i;
    }
    return false;
  }

  static boolean digitDotDigit(String text) {
    for (int i = text.indexOf('.', 1); i >= 0 && i + 1 < text.length(); i = text.indexOf('.', i + 1)) {
      if (isDigit(text.charAt(i - 1)) && isDigit(text.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
