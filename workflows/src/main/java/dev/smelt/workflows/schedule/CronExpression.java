package dev.smelt.workflows.schedule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The five-field cron subset (minute hour day-of-month month day-of-week, in UTC): '*', numbers,
 * ranges 'a-b', steps '&#42;/n' and 'a-b/n', lists 'a,b', three-letter month and day names. As in
 * Vixie cron (crontab(5)), when both day fields are restricted a day matching either one fires.
 * The Temporal SDK has no cron parser of its own (only the test server bundles cron-utils), and
 * workflow code may use nothing that touches files or clocks, so this one is pure.
 */
public final class CronExpression {
  private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN",
      "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  /** A schedule that fires at all fires within 8 years (29 February of a leap year is at most 8 apart). */
  private static final int SEARCH_DAYS = 8 * 366 + 1;

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronExpression(String text, String[] f) {
    this.text = text;
    minutes = field(f[0], "minute", 0, 59, List.of(), 0);
    hours = field(f[1], "hour", 0, 23, List.of(), 0);
    daysOfMonth = field(f[2], "day of month", 1, 31, List.of(), 0);
    months = field(f[3], "month", 1, 12, MONTHS, 1);
    daysOfWeek = field(f[4], "day of week", 0, 7, DAYS, 0);
    if (daysOfWeek.get(7)) {
      daysOfWeek.set(0); // 7 is Sunday too
    }
    anyDayOfMonth = f[2].startsWith("*");
    anyDayOfWeek = f[4].startsWith("*");
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the field and value that are wrong, or saying the
   *     expression never fires (e.g. 30 February)
   */
  public static CronExpression parse(String text) {
    String[] fields = text.trim().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("cron '" + text + "' has " + fields.length
          + " fields; expected 5: minute hour day-of-month month day-of-week (e.g. \"0 3 * * 1\")");
    }
    CronExpression cron = new CronExpression(text.trim(), fields);
    if (cron.search(Instant.EPOCH) == null) {
      throw new IllegalArgumentException("cron '" + text + "' never fires");
    }
    return cron;
  }

  /** The first fire strictly after {@code after}. */
  public Instant nextAfter(Instant after) {
    return search(after);
  }

  private Instant search(Instant after) {
    ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime end = t.plusDays(SEARCH_DAYS);
    while (t.isBefore(end)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return t.toInstant();
      }
    }
    return null;
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
    if (anyDayOfMonth || anyDayOfWeek) {
      return dom && dow;
    }
    return dom || dow;
  }

  private static BitSet field(String spec, String name, int min, int max, List<String> names,
      int firstName) {
    BitSet set = new BitSet(max + 1);
    for (String part : spec.split(",", -1)) {
      String[] stepped = part.split("/", -1);
      if (stepped.length > 2) {
        throw bad(name, part, "has more than one '/'");
      }
      int step = stepped.length == 2 ? number(stepped[1], name, 1, Integer.MAX_VALUE, List.of(), 0) : 1;
      String range = stepped[0];
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", -1);
        if (ends.length != 2) {
          throw bad(name, part, "is not a range a-b");
        }
        from = number(ends[0], name, min, max, names, firstName);
        to = number(ends[1], name, min, max, names, firstName);
        if (from > to) {
          throw bad(name, part, "runs backwards");
        }
      } else {
        from = number(range, name, min, max, names, firstName);
        to = stepped.length == 2 ? max : from; // "5/15" means from 5 on, every 15
      }
      for (int v = from; v <= to; v += step) {
        set.set(v);
      }
    }
    return set;
  }

  private static int number(String s, String name, int min, int max, List<String> names,
      int firstName) {
    int named = names.indexOf(s.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return named + firstName;
    }
    int v;
    try {
      v = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw bad(name, s, "is not a number" + (names.isEmpty() ? "" : " or a name like " + names.get(0)));
    }
    if (v < min || v > max) {
      throw bad(name, s, "is outside " + min + "-" + max);
    }
    return v;
  }

  private static IllegalArgumentException bad(String field, String value, String why) {
    return new IllegalArgumentException("cron " + field + " '" + value + "' " + why);
  }

  @Override
  public String toString() {
    return text;
  }
}
