package dev.smelt.workflows.schedule;

import java.time.Instant;
import java.util.List;

/**
 * Everything the scheduler workflow carries across continue-as-new; also the answer of its
 * describe query (with {@code running} filled in).
 *
 * @param nextFire the next time the spec names; null before the first run computes it
 * @param recent the newest fires, oldest first, at most {@link RetrainScheduleImpl#RECENT_KEPT}
 * @param running scheduled-run workflow ids still going
 */
public record ScheduleState(ScheduleDefinition definition, boolean paused, String note,
    Instant nextFire, ScheduleTally tally, List<FireRecord> recent, List<String> running) {

  /** A new schedule: not paused, nothing fired yet. */
  public static ScheduleState created(ScheduleDefinition definition) {
    return new ScheduleState(definition, false, "", null, ScheduleTally.NONE, List.of(), List.of());
  }
}
