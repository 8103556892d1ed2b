package dev.smelt.pipeline.pii;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.PiiSettings;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data and secrets with placeholders and keeps the document: a
 * {@link Decision#rewrite rewrite} that names how many of each kind it replaced. Secrets go first
 * (their values could otherwise look like phone numbers), payment cards before phone numbers.
 */
public final class PiiRedactor implements DocFilter {
  /** Its name in {@code data.filters}. */
  public static final String STAGE = "pii";
  /** The kinds a config may name in {@code pii.kinds}. */
  public static final List<String> KINDS = PiiSettings.KINDS;

  static final Pattern PRIVATE_KEY = Pattern.compile(
      "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----");
  static final Pattern AWS_KEY = Pattern.compile("\\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\\b");
  static final Pattern GITHUB_TOKEN =
      Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\\b");
  static final Pattern SLACK_TOKEN = Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}");
  /** {@code api_key = "…"}, {@code password: …}, {@code SECRET_TOKEN=…}: group 1 is the value. */
  static final Pattern SECRET_VALUE = Pattern.compile(
      "(?i)\\b[\\w.-]*(?:key|token|secret|passw(?:or)?d|pwd|credential)s?[\"']?\\s*[:=]\\s*[\"']?"
          + "([A-Za-z0-9+/_\\-.=~]+)");
  static final Pattern EMAIL =
      Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b");
  static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
  static final Pattern IPV4 = Pattern.compile(
      "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.])");
  static final Pattern IPV6 =
      Pattern.compile("(?<![\\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\\w:])");
  /**
   * International or North-American style; 9–15 digits, checked after the match. Not part of a
   * longer run of digit groups (a card number that failed Luhn is no phone number).
   */
  static final Pattern PHONE = Pattern.compile(
      "(?<![\\w+])(?<!\\d[ .-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?|\\d{2,4}[ .-])\\d{3,4}[ .-]?\\d{3,4}"
          + "(?![\\w])(?![ .-]\\d)");

  private final Set<String> kinds;
  private final double minSecretEntropy;
  private final int minSecretLength;

  public PiiRedactor(PiiSettings settings) {
    this.kinds = Set.copyOf(settings.kinds());
    this.minSecretEntropy = settings.minSecretEntropy();
    this.minSecretLength = settings.minSecretLength();
  }

  @Override
  public Decision decide(Doc doc) {
    Map<RejectReason, Integer> edits = new EnumMap<>(RejectReason.class);
    String text = redact(doc.text(), edits);
    return Decision.rewrite(text, edits);
  }

  /** {@code text} with every configured kind replaced by its placeholder, as {@link #decide} does. */
  public String redact(String text) {
    return text == null ? null : redact(text, new EnumMap<>(RejectReason.class));
  }

  private String redact(String text, Map<RejectReason, Integer> edits) {
    text = replace("private_key", text, PiiHints.PRIVATE_KEY, PRIVATE_KEY, 0, "<PRIVATE_KEY>",
        RejectReason.PII_PRIVATE_KEY, s -> true, edits);
    text = replace("aws_key", text, PiiHints.AWS_KEY, AWS_KEY, 0, "<SECRET>", RejectReason.PII_AWS_KEY,
        s -> true, edits);
    text = replace("github_token", text, PiiHints.GITHUB_TOKEN, GITHUB_TOKEN, 0, "<SECRET>",
        RejectReason.PII_GITHUB_TOKEN, s -> true, edits);
    text = replace("slack_token", text, PiiHints.SLACK_TOKEN, SLACK_TOKEN, 0, "<SECRET>",
        RejectReason.PII_SLACK_TOKEN, s -> true, edits);
    text = replace("secret_value", text, PiiHints.SECRET_VALUE, SECRET_VALUE, 1, "<SECRET>",
        RejectReason.PII_SECRET_VALUE, v -> v.length() >= minSecretLength && entropy(v) >= minSecretEntropy, edits);
    text = replace("email", text, PiiHints.EMAIL, EMAIL, 0, "<EMAIL>", RejectReason.PII_EMAIL, s -> true, edits);
    text = replace("payment_card", text, PiiHints.CARD, CARD, 0, "<CARD_NUMBER>", RejectReason.PII_PAYMENT_CARD,
        s -> Luhn.valid(s.replaceAll("[ -]", "")), edits);
    text = replace("ip_address", text, PiiHints.IPV6, IPV6, 0, "<IP_ADDRESS>", RejectReason.PII_IP_ADDRESS,
        PiiRedactor::ipv6, edits);
    text = replace("ip_address", text, PiiHints.IPV4, IPV4, 0, "<IP_ADDRESS>", RejectReason.PII_IP_ADDRESS,
        s -> true, edits);
    text = replace("phone", text, PiiHints.PHONE, PHONE, 0, "<PHONE>", RejectReason.PII_PHONE, s -> {
      long digits = s.chars().filter(Character::isDigit).count();
      return digits >= 9 && digits <= 15;
    }, edits);
    return text;
  }

  /** The pattern runs only where its hint says a match is possible (most documents have none). */
  private String replace(String kind, String text, Predicate<String> hint, Pattern pattern, int group,
      String placeholder, RejectReason reason, Predicate<String> accept, Map<RejectReason, Integer> edits) {
    if (!kinds.contains(kind) || !hint.test(text)) {
      return text;
    }
    Matcher m = pattern.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      if (!accept.test(m.group(group))) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, last, m.start(group)).append(placeholder);
      last = m.end(group);
      edits.merge(reason, 1, Integer::sum);
    }
    return out == null ? text : out.append(text, last, text.length()).toString();
  }

  /** Shannon entropy in bits per character. */
  static double entropy(String s) {
    Map<Integer, Integer> counts = new java.util.HashMap<>();
    s.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
    double n = s.codePointCount(0, s.length());
    double h = 0;
    for (int c : counts.values()) {
      double p = c / n;
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }

  /** A full (8 groups) or compressed ("::", once) IPv6 address of 1–4 hex digit groups. */
  static boolean ipv6(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    int dc = lower.indexOf("::");
    if (dc != lower.lastIndexOf("::")) {
      return false;
    }
    if (dc < 0) {
      String[] groups = lower.split(":", -1);
      return groups.length == 8 && java.util.Arrays.stream(groups).allMatch(PiiRedactor::hexGroup);
    }
    String head = lower.substring(0, dc);
    String tail = lower.substring(dc + 2);
    String[] h = head.isEmpty() ? new String[0] : head.split(":", -1);
    String[] t = tail.isEmpty() ? new String[0] : tail.split(":", -1);
    if (h.length + t.length > 7 || h.length + t.length < 1) {
      return false; // "::" alone is not worth a placeholder
    }
    return java.util.Arrays.stream(h).allMatch(PiiRedactor::hexGroup)
        && java.util.Arrays.stream(t).allMatch(PiiRedactor::hexGroup);
  }

  private static boolean hexGroup(String g) {
    return g.matches("[0-9a-f]{1,4}");
  }
}
