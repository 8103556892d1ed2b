package dev.smelt.infra.schedule;

/** A schedule command named a schedule the server does not have. */
public final class ScheduleNotFoundException extends RuntimeException {
  public ScheduleNotFoundException(String name) {
    super("no schedule named '" + name + "' on this Temporal server (see: smelt schedule list)");
  }
}
