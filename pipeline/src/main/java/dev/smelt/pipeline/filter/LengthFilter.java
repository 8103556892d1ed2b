package dev.smelt.pipeline.filter;

import dev.smelt.pipeline.doc.Doc;

/** Keeps documents whose cleaned text has between {@code minChars} and {@code maxChars} characters. */
public final class LengthFilter implements DocFilter {
  private final int minChars;
  private final int maxChars;

  /** Both bounds are inclusive and counted in Unicode code points. */
  public LengthFilter(int minChars, int maxChars) {
    if (minChars < 0) {
      throw new IllegalArgumentException("minChars must be >= 0, got " + minChars);
    }
    if (maxChars < minChars) {
      throw new IllegalArgumentException(
          "maxChars (" + maxChars + ") must be >= minChars (" + minChars + ")");
    }
    this.minChars = minChars;
    this.maxChars = maxChars;
  }

  @Override
  public Decision decide(Doc doc) {
    int chars = doc.text().codePointCount(0, doc.text().length());
    if (chars < minChars) {
      return Decision.reject(RejectReason.TOO_SHORT, chars + " chars < minimum " + minChars);
    }
    if (chars > maxChars) {
      return Decision.reject(RejectReason.TOO_LONG, chars + " chars > maximum " + maxChars);
    }
    return Decision.keep();
  }
}
