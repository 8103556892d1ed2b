package dev.smelt.workflows.schedule;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a fire does while an earlier scheduled run is still going; the six policies of Temporal's
 * ScheduleOverlapPolicy, with the same meaning on both backends.
 */
public enum Overlap {
  /** The new fire is dropped and counted as skipped. */
  SKIP("skip"),
  /** At most one fire waits for the running one to end; further fires are skipped. */
  BUFFER_ONE("buffer-one"),
  /** Every fire waits its turn; they run one after another. */
  BUFFER_ALL("buffer-all"),
  /** The running one is cancelled; the new one starts once it has ended. */
  CANCEL_OTHER("cancel-other"),
  /** The running one is terminated and the new one starts at once. */
  TERMINATE_OTHER("terminate-other"),
  /** The new one starts at once, beside the running ones. */
  ALLOW_ALL("allow-all");

  private final String flag;

  Overlap(String flag) {
    this.flag = flag;
  }

  /** How the CLI spells it. */
  public String flag() {
    return flag;
  }

  /** The policy spelled {@code flag}, or an error listing the accepted spellings. */
  public static Overlap fromFlag(String flag) {
    return Arrays.stream(values()).filter(o -> o.flag.equals(flag)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown overlap policy '" + flag
            + "'; use one of " + choices()));
  }

  public static String choices() {
    return Arrays.stream(values()).map(Overlap::flag).collect(Collectors.joining(", "));
  }
}
