package dev.smelt.activities.pretrain;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The update after the backward pass, the same in pre-training and fine-tuning: clip the joint
 * gradient norm, one AdamW step at this step's rate, clear the gradients for the next step.
 */
public final class OptimizerStep {
  private OptimizerStep() {}

  /** Returns the gradient norm before clipping. */
  public static double apply(Map<String, NDArray> grads, AdamW opt, double maxNorm, double lr) {
    double norm = GradClip.clip(grads.values(), maxNorm);
    opt.step(grads, lr);
    Gradients.zero(grads);
    return norm;
  }
}
