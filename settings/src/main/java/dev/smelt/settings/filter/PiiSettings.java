package dev.smelt.settings.filter;

import static dev.smelt.settings.Check.that;

import java.io.Serializable;
import java.util.List;

/**
 * PII redaction ({@code data.filterSettings.pii}): which kinds, and when a key=value value counts
 * as a secret.
 *
 * @param kinds which kinds to redact (default all of {@link #KINDS})
 * @param minSecretEntropy Shannon bits per character a {@code key=value} value needs to be
 *     taken for a secret (default 3.5; random base64 is near 6, English words near 3)
 * @param minSecretLength shortest such value (default 16)
 */
public record PiiSettings(List<String> kinds, double minSecretEntropy, int minSecretLength)
    implements Serializable {
  private static final String KEY = "data.filterSettings.pii.";

  /** The kinds a config may name in {@code pii.kinds}, in the redactor's order. */
  public static final List<String> KINDS =
      List.of("private_key", "aws_key", "github_token", "slack_token", "secret_value", "email",
          "payment_card", "ip_address", "phone");

  /** Smelt's own choice (no paper): every kind; 3.5 bits and 16 characters for a secret. */
  public static final PiiSettings PUBLISHED = new PiiSettings(KINDS, 3.5, 16);

  public PiiSettings {
    that(kinds != null, KEY + "kinds", "must be a list of PII kinds");
    for (int i = 0; i < kinds.size(); i++) {
      that(KINDS.contains(kinds.get(i)), KEY + "kinds[" + i + "]",
          "'" + kinds.get(i) + "' is not a PII kind; known: " + String.join(", ", KINDS));
    }
    that(minSecretEntropy >= 0, KEY + "minSecretEntropy", "must not be negative");
    that(minSecretLength >= 1, KEY + "minSecretLength", "must be at least 1");
    kinds = List.copyOf(kinds);
  }
}
