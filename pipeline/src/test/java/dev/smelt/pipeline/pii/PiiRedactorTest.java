package dev.smelt.pipeline.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.PiiSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {
  private final PiiRedactor redactor = new PiiRedactor(PiiSettings.PUBLISHED);

  private Decision.Rewrite redact(String text) {
    return assertInstanceOf(Decision.Rewrite.class, redactor.decide(new Doc("d", "s", text)));
  }

  @Test
  void redactsEmailsAndCountsThem() {
    Decision.Rewrite r = redact("Write to jane.doe@example.co.uk or bob+news@mail.example.org today.");
    assertEquals("Write to <EMAIL> or <EMAIL> today.", r.text());
    assertEquals(Map.of(RejectReason.PII_EMAIL, 2), r.edits());
  }

  @Test
  void redactsPhoneNumbersButNotYearsOrShortNumbers() {
    Decision.Rewrite r = redact("Call +44 20 7946 0958 or (555) 123-4567, not in 1811 or 2019-2020.");
    assertEquals("Call <PHONE> or <PHONE>, not in 1811 or 2019-2020.", r.text());
  }

  @Test
  void redactsIpv4AndIpv6ButNotTimes() {
    Decision.Rewrite r = redact("Hosts 192.168.0.12 and 2001:db8::8a2e:370:7334 and fe80::1 met at 12:30:45.");
    assertEquals("Hosts <IP_ADDRESS> and <IP_ADDRESS> and <IP_ADDRESS> met at 12:30:45.", r.text());
    assertEquals(Map.of(RejectReason.PII_IP_ADDRESS, 3), r.edits());
  }

  @Test
  void redactsOnlyCardNumbersPassingLuhn() {
    Decision.Rewrite r = redact("Card 4111 1111 1111 1111 works; 4111 1111 1111 1112 does not.");
    assertEquals("Card <CARD_NUMBER> works; 4111 1111 1111 1112 does not.", r.text());
    assertEquals(Map.of(RejectReason.PII_PAYMENT_CARD, 1), r.edits());
  }

  @Test
  void redactsCloudTokensAndPrivateKeys() {
    String text = "aws AKIAIOSFODNN7EXAMPLE gh ghp_abcdefghijklmnopqrstuvwxyz0123456789 "
        + "slack xoxb-123456789012-abcdefABCDEF\n"
        + "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----\nend";
    Decision.Rewrite r = redact(text);
    assertEquals("aws <SECRET> gh <SECRET> slack <SECRET>\n<PRIVATE_KEY>\nend", r.text());
    assertEquals(Map.of(RejectReason.PII_AWS_KEY, 1, RejectReason.PII_GITHUB_TOKEN, 1,
        RejectReason.PII_SLACK_TOKEN, 1, RejectReason.PII_PRIVATE_KEY, 1), r.edits());
  }

  @Test
  void redactsHighEntropySecretValuesButNotOrdinaryWords() {
    Decision.Rewrite r = redact("api_key = \"q8Zr2LmX0vT7bNc4Wd9Ks1Pe\"\npassword: correcthorsebatterystaple");
    assertEquals("api_key = \"<SECRET>\"\npassword: correcthorsebatterystaple", r.text());
    assertEquals(Map.of(RejectReason.PII_SECRET_VALUE, 1), r.edits());
  }

  @Test
  void keepsTextWithoutPiiUnchanged() {
    assertEquals(Decision.keep(), redactor.decide(new Doc("d", "s",
        "It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.")));
  }

  @Test
  void redactsOnlyTheConfiguredKinds() {
    PiiRedactor emailsOnly = new PiiRedactor(new PiiSettings(List.of("email"), 3.5, 16));
    Decision.Rewrite r = assertInstanceOf(Decision.Rewrite.class,
        emailsOnly.decide(new Doc("d", "s", "a@b.org at 10.0.0.1")));
    assertEquals("<EMAIL> at 10.0.0.1", r.text());
  }
}
