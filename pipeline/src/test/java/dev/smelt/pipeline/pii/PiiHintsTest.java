package dev.smelt.pipeline.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PiiHintsTest {
  private static final Map<Pattern, Predicate<String>> HINT_OF = Map.of(
      PiiRedactor.PRIVATE_KEY, PiiHints.PRIVATE_KEY, PiiRedactor.AWS_KEY, PiiHints.AWS_KEY,
      PiiRedactor.GITHUB_TOKEN, PiiHints.GITHUB_TOKEN, PiiRedactor.SLACK_TOKEN, PiiHints.SLACK_TOKEN,
      PiiRedactor.SECRET_VALUE, PiiHints.SECRET_VALUE, PiiRedactor.EMAIL, PiiHints.EMAIL,
      PiiRedactor.CARD, PiiHints.CARD, PiiRedactor.IPV6, PiiHints.IPV6, PiiRedactor.IPV4, PiiHints.IPV4,
      PiiRedactor.PHONE, PiiHints.PHONE);
  private static final List<String> PLANTED = List.of("jane.doe@example.co.uk", "+44 20 7946 0958",
      "(555) 123-4567", "192.168.0.12", "2001:db8::8a2e:370:7334", "fe80::1", "::1", "a:b:c",
      "4111 1111 1111 1111", "4111-1111-1111-1111", "AKIAIOSFODNN7EXAMPLE",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "github_pat_abcdefghijklmnopqrstuv_wxyz",
      "xoxb-123456789012-abcdefABCDEF", "api_key = \"q8Zr2LmX0vT7bNc4Wd9Ks1Pe\"", "PASSWD:'x'",
      "Credentials=abc", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
      "12:30:45", "1.2.3.4", "v3.11", "555.123.4567");

  /** Language fixture lines, the raw test mails, and short windows around every planted value in random prose. */
  private static List<String> texts() throws IOException, URISyntaxException {
    List<String> texts = new ArrayList<>(PLANTED);
    try (InputStream in = PiiHintsTest.class.getResourceAsStream("/langid/fixture.jsonl")) {
      texts.addAll(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
    }
    try (Stream<Path> mails = Files.walk(Path.of(PiiHintsTest.class.getResource("/spamassassin/raw").toURI()))) {
      for (Path mail : mails.filter(Files::isRegularFile).sorted().toList()) {
        texts.add(new String(Files.readAllBytes(mail), StandardCharsets.ISO_8859_1));
      }
    }
    Random random = new Random(3);
    for (int i = 0; i < 2_000; i++) {
      String planted = PLANTED.get(random.nextInt(PLANTED.size()));
      int cut = random.nextInt(planted.length() + 1);
      texts.add("x" + " 1.".repeat(random.nextInt(3)) + planted.substring(0, cut)
          + (random.nextBoolean() ? planted.substring(cut) : "") + " end");
    }
    return texts;
  }

  @Test
  void everyPatternMatchHasItsHintTrue() throws Exception {
    int matches = 0;
    for (String text : texts()) {
      for (Map.Entry<Pattern, Predicate<String>> e : HINT_OF.entrySet()) {
        if (e.getKey().matcher(text).find()) {
          matches++;
          assertTrue(e.getValue().test(text), () -> e.getKey() + " matches but its hint is false: " + text);
        }
      }
    }
    assertTrue(matches > 500, "matches checked: " + matches);
  }

  @Test
  void secretKeywordScanFindsWhatItsRegexFinds() throws Exception {
    List<String> all = new ArrayList<>(texts());
    String[] pieces = {"key", "KEY", "Token", "secret", "passwd", "PassWord", "pwd", "credential", "s",
        "S", "\"", "'", " ", "\t", "\n", "\u00A0", "\u212A", ":", "=", "x", "_", "."};
    Random random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int p = random.nextInt(8); p >= 0; p--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      all.add(text.toString());
    }
    int found = 0;
    for (String text : all) {
      boolean regex = PiiHints.SECRET_KEYWORD.matcher(text).find();
      found += regex ? 1 : 0;
      assertEquals(regex, PiiHints.secretKeyword(text), () -> "text: " + text);
    }
    assertTrue(found > 1_000, "texts with a keyword: " + found);
  }

  @Test
  void hintsAreFalseOnPlainProse() {
    String prose = "It is a truth universally acknowledged, that a single man in possession of a good "
        + "fortune, must be in want of a wife: so said the narrator, in 1813.";
    HINT_OF.forEach((pattern, hint) -> assertFalse(hint.test(prose), pattern.pattern()));
  }
}
