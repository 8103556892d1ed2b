package dev.smelt.activities.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/** The weights' gradients for one step, held by the step's manager. */
public final class Gradients {
  private Gradients() {}

  /** Gradient views named like the weights, attached to {@code step} so they are freed with it. */
  public static Map<String, NDArray> of(Map<String, NDArray> params, NDManager step) {
    Map<String, NDArray> grads = new LinkedHashMap<>();
    params.forEach((name, p) -> {
      NDArray g = p.getGradient();
      g.attach(step);
      grads.put(name, g);
    });
    return grads;
  }

  /** PyTorch accumulates gradients across backward passes; clear them after the update. */
  public static void zero(Map<String, NDArray> grads) {
    grads.values().forEach(g -> g.muli(0));
  }
}
