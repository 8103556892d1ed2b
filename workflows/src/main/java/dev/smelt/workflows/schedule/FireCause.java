package dev.smelt.workflows.schedule;

/** Why a schedule fired. */
public enum FireCause {
  /** Its spec said so. */
  SCHEDULE,
  /** `smelt schedule trigger`. */
  TRIGGER
}
