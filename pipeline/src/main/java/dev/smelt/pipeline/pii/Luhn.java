package dev.smelt.pipeline.pii;

/** The Luhn (mod 10) checksum that every payment card number carries in its last digit. */
public final class Luhn {
  private Luhn() {}

  /** True if {@code digits} (0-9 only) passes the check; false for anything else. */
  public static boolean valid(String digits) {
    if (digits.isEmpty()) {
      return false;
    }
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
