package dev.smelt.workflows.schedule;

/** How one fire of a schedule ended, as `schedule describe` lists it. */
public enum RunOutcome {
  /** A TrainingRun was started and is still going. */
  RUNNING,
  /** A TrainingRun was started and completed. */
  COMPLETED,
  /** A TrainingRun was started and failed, or preparing it failed. */
  FAILED,
  /** The run was cancelled (overlap policy cancel-other or terminate-other). */
  CANCELLED,
  /** Waits for a running one to end (overlap policy buffer-one, buffer-all or cancel-other). */
  BUFFERED,
  /** Not started: an earlier run was still going (overlap policy skip, or a full buffer). */
  SKIPPED_OVERLAP,
  /** Not started: config and inputs are unchanged since the last good run. */
  SKIPPED_UNCHANGED;

  public boolean skipped() {
    return this == SKIPPED_OVERLAP || this == SKIPPED_UNCHANGED;
  }
}
