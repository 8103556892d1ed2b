package dev.smelt.workflows.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a schedule fires: every {@code every} (aligned to the Unix epoch, as Temporal's interval
 * specs are with no offset) or at the times of a 5-field {@code cron} in UTC; exactly one is set.
 */
public record FireSpec(Duration every, String cron) {
  private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

  public FireSpec {
    if ((every == null) == (cron == null)) {
      throw new IllegalArgumentException("give exactly one of --every and --cron");
    }
    if (every != null && (every.isNegative() || every.compareTo(Duration.ofSeconds(1)) < 0)) {
      throw new IllegalArgumentException("--every must be at least 1s");
    }
    if (cron != null) {
      CronExpression.parse(cron); // a bad one fails here, naming its field
    }
  }

  public static FireSpec every(Duration every) {
    return new FireSpec(every, null);
  }

  public static FireSpec cron(String cron) {
    return new FireSpec(null, cron);
  }

  /**
   * Parses an interval such as {@code 24h}, {@code 90m}, {@code 1d12h} or {@code 45s}.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public static Duration parseEvery(String text) {
    Matcher m = PART.matcher(text.trim());
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "d" -> Duration.ofDays(n);
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      });
      end = m.end();
    }
    if (end == 0 || end != text.trim().length()) {
      throw new IllegalArgumentException("--every '" + text
          + "' is not an interval; use numbers with d, h, m or s, e.g. 24h, 90m, 1d12h");
    }
    return total;
  }

  /** The first fire strictly after {@code after}. */
  public Instant nextAfter(Instant after) {
    if (every != null) {
      long step = every.toMillis();
      return Instant.ofEpochMilli(Math.floorDiv(after.toEpochMilli(), step) * step + step);
    }
    return CronExpression.parse(cron).nextAfter(after);
  }

  /** As a person reads it: "every PT24H" or "cron 0 3 * * 1 (UTC)". */
  public String describe() {
    return every != null ? "every " + every : "cron " + cron + " (UTC)";
  }
}
