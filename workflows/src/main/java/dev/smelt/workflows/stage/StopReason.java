package dev.smelt.workflows.stage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a training loop ended, a value the loop returns rather than a string or a null. The JSON
 * names are the lower-case strings checkpoints, metrics.jsonl and workflow histories have always
 * held ("completed", "budget", "early_stop", "stopped").
 */
public enum StopReason {
  /** Every configured step was trained. */
  MAX_STEPS("completed"),
  /** The wall-clock budget ({@code pretrain.maxMinutes}) ran out. */
  BUDGET("budget"),
  /** Validation loss stopped improving for the patience. */
  EARLY_STOP("early_stop"),
  /** Asked to stop (pause, cancel, SIGTERM): checkpointed, and a resume continues from there. */
  STOPPED("stopped");

  private final String json;

  StopReason(String json) {
    this.json = json;
  }

  /** The persisted name. */
  @JsonValue
  public String json() {
    return json;
  }

  /** The reason of a persisted name; null for null (a checkpoint of a run still training). */
  @JsonCreator
  public static StopReason of(String json) {
    if (json == null) {
      return null;
    }
    for (StopReason r : values()) {
      if (r.json.equals(json)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown stop reason '" + json + "'");
  }

  /** A checkpoint written with this reason continues when resumed (more steps, unpause). */
  public boolean resumable() {
    return this == MAX_STEPS || this == STOPPED;
  }

  @Override
  public String toString() {
    return json;
  }
}
