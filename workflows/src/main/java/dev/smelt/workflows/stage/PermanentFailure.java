package dev.smelt.workflows.stage;

import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;

/**
 * The contract for errors a retry cannot fix (an impossible config, a corpus that filters down to
 * nothing, a checkpoint of another model, a model too small for an evaluation): activities throw
 * {@link #of}, the workflow does not retry it, and the CLI prints its message as one line.
 */
public final class PermanentFailure {
  /** The application failure type; retry options list it as not retryable. */
  public static final String TYPE = "SmeltPermanentError";

  private PermanentFailure() {}

  /**
   * A non-retryable failure whose message is what the user reads (no stack trace needed). Benign,
   * so the SDK logs it at debug rather than a stack trace per attempt; the worker logs one line.
   */
  public static ApplicationFailure of(String message) {
    return ApplicationFailure.newBuilder()
        .setMessage(message)
        .setType(TYPE)
        .setNonRetryable(true)
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }

  /** True when {@code failure} is (or wraps) one of ours. */
  public static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ApplicationFailure a && TYPE.equals(a.getType())) {
        return true;
      }
    }
    return false;
  }
}
