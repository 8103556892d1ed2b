package dev.smelt.activities.model;

import ai.djl.ndarray.NDArray;

/** Mean negative log-likelihood of integer targets under logits whose last axis is the class. */
public final class CrossEntropy {
  private CrossEntropy() {}

  /** logits (..., K) and int64 targets (...) → scalar mean NLL. */
  public static NDArray mean(NDArray logits, NDArray targets) {
    return logits.logSoftmax(-1).gather(targets.expandDims(-1), -1).mean().neg();
  }

  /** Like {@link #mean} but summed, for averaging over batches of different sizes. */
  public static NDArray sum(NDArray logits, NDArray targets) {
    return logits.logSoftmax(-1).gather(targets.expandDims(-1), -1).sum().neg();
  }
}
