package dev.smelt.pipeline.tokenize;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Assigns a document to the validation split by a hash of its id alone, so the split is the same in
 * every run, on every runner and JVM, whatever else the corpus holds.
 */
public final class SplitByHash implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double valFraction;

  /** @param valFraction share of documents held out for validation, 0 to 1 */
  public SplitByHash(double valFraction) {
    if (!(valFraction >= 0 && valFraction <= 1)) {
      throw new IllegalArgumentException(
          "validation fraction must be between 0 and 1 (e.g. 0.01), got " + valFraction);
    }
    this.valFraction = valFraction;
  }

  /** True if the document with this id belongs to the validation split. */
  public boolean isValidation(String docId) {
    return positionOf(docId) < valFraction;
  }

  /** The id's place in [0, 1): the first 8 bytes of SHA-256(UTF-8 id), as an unsigned fraction. */
  public static double positionOf(String docId) {
    byte[] digest = sha256().digest(docId.getBytes(StandardCharsets.UTF_8));
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (digest[i] & 0xFF);
    }
    return (bits >>> 11) * 0x1.0p-53; // top 53 bits: exactly representable, strictly below 1
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
