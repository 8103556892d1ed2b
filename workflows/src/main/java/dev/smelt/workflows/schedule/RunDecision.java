package dev.smelt.workflows.schedule;

/**
 * Whether a scheduled run should start. {@code fingerprint} identifies the config and inputs it
 * would read (recorded after a run succeeds, compared at the next fire); {@code reason} says why
 * in a line a person reads in `schedule describe`.
 */
public record RunDecision(boolean start, String reason, String fingerprint) {
  public static RunDecision start(String reason, String fingerprint) {
    return new RunDecision(true, reason, fingerprint);
  }

  public static RunDecision skip(String reason, String fingerprint) {
    return new RunDecision(false, reason, fingerprint);
  }
}
