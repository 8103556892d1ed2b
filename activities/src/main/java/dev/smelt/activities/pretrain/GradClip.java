package dev.smelt.activities.pretrain;

import ai.djl.ndarray.NDArray;
import java.util.Collection;

/** Global gradient-norm clipping, as torch.nn.utils.clip_grad_norm_ (DJL's clipGrad only clamps). */
public final class GradClip {
  private GradClip() {}

  /**
   * Scales every gradient in place so that their joint L2 norm is at most {@code maxNorm} (0 = no
   * limit) and returns the norm before scaling.
   */
  public static double clip(Collection<NDArray> grads, double maxNorm) {
    double sumSquares = 0;
    for (NDArray g : grads) {
      sumSquares += g.square().sum().getFloat();
    }
    double norm = Math.sqrt(sumSquares);
    if (maxNorm > 0 && norm > maxNorm) {
      float scale = (float) (maxNorm / (norm + 1e-6));
      grads.forEach(g -> g.muli(scale));
    }
    return norm;
  }
}
