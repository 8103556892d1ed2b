package dev.smelt.activities.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.smelt.activities.checkpoint.SafeTensors.Tensor;
import dev.smelt.activities.checkpoint.TensorArrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter; torch.optim.AdamW's arithmetic), whose
 * moments are named after the weights so they can be saved and restored exactly.
 *
 * <p>Weight decay applies to tensors of rank 2 or more (projection matrices and the embeddings, as
 * nanoGPT does) and never to biases or LayerNorm gains.
 */
public final class AdamW {
  private final Map<String, NDArray> params;
  private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
  private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private long steps;

  public AdamW(Map<String, NDArray> params, double beta1, double beta2, double eps,
      double weightDecay) {
    this.params = params;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    params.forEach((name, p) -> {
      firstMoments.put(name, p.getManager().zeros(p.getShape()));
      secondMoments.put(name, p.getManager().zeros(p.getShape()));
    });
  }

  /** GPT-style defaults: betas (0.9, 0.95), eps 1e-8. */
  public static AdamW gptDefaults(Map<String, NDArray> params, double weightDecay) {
    return new AdamW(params, 0.9, 0.95, 1e-8, weightDecay);
  }

  public static boolean decays(NDArray param) {
    return param.getShape().dimension() >= 2;
  }

  /**
   * One update from the gradients (named like the weights), one native call per tensor (DJL's
   * fused {@code adamUpdate}: decoupled decay with the plain rate, then the moments, then the step
   * with the bias corrections folded into the rate). That puts epsilon on sqrt(v) before the
   * second-moment correction, i.e. epsilon / sqrt(1 - beta2^t) in torch's arithmetic: at 1e-8
   * the difference is below float resolution of any weight that moves.
   */
  public void step(Map<String, NDArray> grads, double lr) {
    steps++;
    double bc1 = 1 - Math.pow(beta1, steps);
    double bc2 = 1 - Math.pow(beta2, steps);
    float corrected = (float) (lr * Math.sqrt(bc2) / bc1);
    params.forEach((name, p) -> {
      float decay = weightDecay > 0 && decays(p) ? (float) weightDecay : 0f;
      p.getNDArrayInternal().adamUpdate(
          new NDList(p, grads.get(name), firstMoments.get(name), secondMoments.get(name)),
          new NDList(p), (float) lr, corrected, decay, 1f, -1f, (float) beta1, (float) beta2,
          (float) eps, false, true);
    });
  }

  public long steps() {
    return steps;
  }

  /** Moments as tensors {@code exp_avg.NAME}, {@code exp_avg_sq.NAME}, plus {@code step}. */
  public Map<String, Tensor> state() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("step", Tensor.i64(new long[] {steps}));
    firstMoments.forEach((n, a) -> out.put("exp_avg." + n, TensorArrays.toTensor(a)));
    secondMoments.forEach((n, a) -> out.put("exp_avg_sq." + n, TensorArrays.toTensor(a)));
    return out;
  }

  public void load(Map<String, Tensor> state) {
    Tensor step = state.get("step");
    if (step == null) {
      throw new IllegalArgumentException("optimizer state has no step");
    }
    steps = step.longs()[0];
    firstMoments.forEach((n, a) -> TensorArrays.copyInto(n, need(state, "exp_avg." + n), a));
    secondMoments.forEach((n, a) -> TensorArrays.copyInto(n, need(state, "exp_avg_sq." + n), a));
  }

  private static Tensor need(Map<String, Tensor> state, String name) {
    Tensor t = state.get(name);
    if (t == null) {
      throw new IllegalArgumentException("optimizer state is missing " + name);
    }
    return t;
  }
}
