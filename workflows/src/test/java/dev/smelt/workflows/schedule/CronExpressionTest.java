package dev.smelt.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
  private static final Instant TUESDAY_NOON = Instant.parse("2026-12-01T12:00:00Z");

  private static Instant next(String cron, Instant after) {
    return CronExpression.parse(cron).nextAfter(after);
  }

  @Test
  void mondayAtThreeIsTheNextMondayAtThreeUtc() {
    assertEquals(Instant.parse("2026-12-07T03:00:00Z"), next("0 3 * * 1", TUESDAY_NOON));
    assertEquals(Instant.parse("2026-12-07T03:00:00Z"), next("0 3 * * MON", TUESDAY_NOON));
  }

  @Test
  void nextIsStrictlyAfterTheGivenTime() {
    Instant fire = Instant.parse("2026-12-07T03:00:00Z");
    assertEquals(Instant.parse("2026-12-14T03:00:00Z"), next("0 3 * * 1", fire));
    assertEquals(fire, next("0 3 * * 1", fire.minusSeconds(1)));
  }

  @Test
  void stepsRangesAndListsSelectTheirMinutes() {
    assertEquals(Instant.parse("2026-12-01T12:15:00Z"), next("*/15 * * * *", TUESDAY_NOON));
    assertEquals(Instant.parse("2026-12-01T12:05:00Z"), next("5,40 12-13 * * *", TUESDAY_NOON));
    assertEquals(Instant.parse("2026-12-01T13:10:00Z"), next("10-50/20 13 * * *", TUESDAY_NOON));
  }

  @Test
  void sundayIsBothZeroAndSeven() {
    Instant sunday = Instant.parse("2026-12-06T00:00:00Z");
    assertEquals(sunday, next("0 0 * * 0", TUESDAY_NOON));
    assertEquals(sunday, next("0 0 * * 7", TUESDAY_NOON));
  }

  @Test
  void restrictedDayOfMonthAndDayOfWeekMatchEither() {
    // crontab(5): "0 0 15 * FRI" fires on the 15th and on every Friday.
    assertEquals(Instant.parse("2026-12-04T00:00:00Z"), next("0 0 15 * FRI", TUESDAY_NOON));
    assertEquals(Instant.parse("2026-12-15T00:00:00Z"),
        next("0 0 15 * FRI", Instant.parse("2026-12-11T01:00:00Z")));
  }

  @Test
  void monthNamesAndLeapDaysAreFound() {
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("0 0 1 JAN *", TUESDAY_NOON));
    assertEquals(Instant.parse("2028-02-29T06:30:00Z"), next("30 6 29 2 *", TUESDAY_NOON));
  }

  @Test
  void rejectsAWrongFieldCountNamingTheExpectedFields() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CronExpression.parse("0 3 * *"));
    assertTrue(e.getMessage().contains("expected 5"), e.getMessage());
  }

  @Test
  void rejectsAnOutOfRangeValueNamingItsField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CronExpression.parse("0 24 * * *"));
    assertEquals("cron hour '24' is outside 0-23", e.getMessage());
    assertEquals("cron minute '60' is outside 0-59",
        assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("60 0 * * *")).getMessage());
  }

  @Test
  void rejectsWordsBackwardRangesAndZeroSteps() {
    assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("x 0 * * *"));
    assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("0 5-3 * * *"));
    assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("*/0 * * * *"));
    assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("0 0 * FOO *"));
  }

  @Test
  void rejectsAnExpressionThatNeverFires() {
    assertEquals("cron '0 0 30 2 *' never fires",
        assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("0 0 30 2 *")).getMessage());
  }

  @Test
  void intervalsParseAndAlignToTheEpoch() {
    assertEquals(Duration.ofHours(24), FireSpec.parseEvery("24h"));
    assertEquals(Duration.ofHours(36), FireSpec.parseEvery("1d12h"));
    assertEquals(Duration.ofSeconds(90), FireSpec.parseEvery("1m30s"));
    assertEquals(Instant.parse("2026-12-02T00:00:00Z"),
        FireSpec.every(Duration.ofDays(1)).nextAfter(TUESDAY_NOON));
    assertEquals(Instant.parse("2026-12-01T12:30:00Z"),
        FireSpec.every(Duration.ofMinutes(30)).nextAfter(TUESDAY_NOON));
  }

  @Test
  void rejectsIntervalsThatAreNoIntervalNamingTheFlag() {
    for (String bad : new String[] {"", "24", "h", "24x", "1h 30m", "-5m", "0s"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> FireSpec.every(FireSpec.parseEvery(bad)), bad);
      assertTrue(e.getMessage().startsWith("--every"), e.getMessage());
    }
  }

  @Test
  void aSpecHasExactlyOneOfIntervalAndCron() {
    assertThrows(IllegalArgumentException.class, () -> new FireSpec(null, null));
    assertThrows(IllegalArgumentException.class, () -> new FireSpec(Duration.ofHours(1), "0 3 * * 1"));
  }

  @Test
  void overlapFlagsRoundTripAndUnknownOnesListTheChoices() {
    for (Overlap o : Overlap.values()) {
      assertEquals(o, Overlap.fromFlag(o.flag()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Overlap.fromFlag("queue"));
    assertTrue(e.getMessage().contains("buffer-one"), e.getMessage());
  }
}
