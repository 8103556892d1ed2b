package dev.smelt.workflows.schedule;

import java.time.Instant;

/**
 * One fire of a schedule, as `schedule describe` lists it.
 *
 * @param number counts the schedule's fires from 1; names the scheduled-run workflow
 * @param scheduledAt the time the spec named (or the trigger's time)
 * @param runId the TrainingRun it started, null until it has one
 * @param reason why it ended so, in a line
 */
public record FireRecord(long number, Instant scheduledAt, FireCause cause, RunOutcome outcome,
    String runId, String reason) {

  FireRecord settled(ScheduledRunResult result) {
    return new FireRecord(number, scheduledAt, cause, result.outcome(), result.runId(), result.reason());
  }

  FireRecord with(RunOutcome newOutcome, String newReason) {
    return new FireRecord(number, scheduledAt, cause, newOutcome, runId, newReason);
  }
}
