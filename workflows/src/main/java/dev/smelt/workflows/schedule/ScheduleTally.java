package dev.smelt.workflows.schedule;

/** Counts over a schedule's whole life (the fire list keeps only the newest). */
public record ScheduleTally(long fires, long started, long skippedOverlap, long skippedUnchanged,
    long failed) {
  public static final ScheduleTally NONE = new ScheduleTally(0, 0, 0, 0, 0);

  ScheduleTally fired() {
    return new ScheduleTally(fires + 1, started, skippedOverlap, skippedUnchanged, failed);
  }

  /** Adds a fire that ended as {@code outcome}. */
  ScheduleTally ended(RunOutcome outcome) {
    return switch (outcome) {
      case SKIPPED_OVERLAP -> new ScheduleTally(fires, started, skippedOverlap + 1, skippedUnchanged, failed);
      case SKIPPED_UNCHANGED -> new ScheduleTally(fires, started, skippedOverlap, skippedUnchanged + 1, failed);
      case FAILED -> new ScheduleTally(fires, started + 1, skippedOverlap, skippedUnchanged, failed + 1);
      case COMPLETED, CANCELLED -> new ScheduleTally(fires, started + 1, skippedOverlap, skippedUnchanged, failed);
      case RUNNING, BUFFERED -> this;
    };
  }
}
