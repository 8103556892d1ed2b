package dev.smelt.workflows.schedule;

/** What one scheduled run did: the run it started (null when skipped), how it ended, and why. */
public record ScheduledRunResult(String runId, RunOutcome outcome, String reason) {}
