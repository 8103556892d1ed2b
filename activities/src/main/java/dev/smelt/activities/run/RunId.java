package dev.smelt.activities.run;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a run id may be: a plain folder name, so that {@code runs/<id>} can never point anywhere
 * but one folder directly inside the runs root.
 */
public final class RunId {
  /** Long enough for {@code <name>-<yyyyMMdd-HHmmss>}, short of any file system's name limit. */
  public static final int MAX_LENGTH = 100;
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]+");

  private RunId() {}

  /** Why {@code id} is not a usable run id, or empty when it is one. */
  public static Optional<String> problem(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.of("run id is empty");
    }
    String shown = "run id '" + printable(id) + "'";
    if (id.length() > MAX_LENGTH) {
      return Optional.of(shown + " is longer than " + MAX_LENGTH + " characters");
    }
    if (!PLAIN.matcher(id).matches()) {
      return Optional.of(shown + " may hold only letters, digits, '-', '_' and '.'");
    }
    if (id.equals(".") || id.equals("..")) {
      return Optional.of(shown + " names no run folder of its own");
    }
    return Optional.empty();
  }

  /** The id with control characters escaped, so an error stays one readable line. */
  private static String printable(String id) {
    String head = id.length() > MAX_LENGTH ? id.substring(0, 40) + "…" : id;
    StringBuilder b = new StringBuilder();
    head.codePoints().forEach(c -> b.append(Character.isISOControl(c)
        ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
    return b.toString();
  }
}
