package dev.smelt.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {
  static final double B1 = 0.9;
  static final double B2 = 0.95;
  static final double EPS = 1e-8;
  static final double WD = 0.1;

  /** torch.optim.AdamW for one scalar, written out by hand. */
  static double[] reference(double p, double[] grads, double[] lrs, boolean decay) {
    double m = 0;
    double v = 0;
    double[] out = new double[grads.length];
    for (int t = 1; t <= grads.length; t++) {
      double g = grads[t - 1];
      double lr = lrs[t - 1];
      if (decay) {
        p -= lr * WD * p;
      }
      m = B1 * m + (1 - B1) * g;
      v = B2 * v + (1 - B2) * g * g;
      double mHat = m / (1 - Math.pow(B1, t));
      double vHat = v / (1 - Math.pow(B2, t));
      p -= lr * mHat / (Math.sqrt(vHat) + EPS);
      out[t - 1] = p;
    }
    return out;
  }

  @Test
  void twoStepsMatchHandComputedAdamWWithDecayOnlyOnMatrices() {
    double[][] grads = {{0.5, -0.1, 2.0, 0.0}, {-0.3, 0.4, 1.0, 0.2}};
    double[] lrs = {0.1, 0.05};
    float[] start = {1f, -2f, 0.5f, 3f};
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      params.put("w", m.create(start).reshape(2, 2)); // rank 2: decayed
      params.put("b", m.create(start)); // rank 1: not decayed
      AdamW opt = new AdamW(params, B1, B2, EPS, WD);
      for (int s = 0; s < 2; s++) {
        try (NDManager step = m.newSubManager()) {
          Map<String, NDArray> g = new LinkedHashMap<>();
          float[] gs = new float[4];
          for (int i = 0; i < 4; i++) {
            gs[i] = (float) grads[s][i];
          }
          g.put("w", step.create(gs).reshape(2, 2));
          g.put("b", step.create(gs));
          opt.step(g, lrs[s]);
        }
      }
      float[] w = params.get("w").toFloatArray();
      float[] b = params.get("b").toFloatArray();
      for (int i = 0; i < 4; i++) {
        double[] g = {grads[0][i], grads[1][i]};
        assertEquals(reference(start[i], g, lrs, true)[1], w[i], 1e-5, "w[" + i + "]");
        assertEquals(reference(start[i], g, lrs, false)[1], b[i], 1e-5, "b[" + i + "]");
      }
      assertEquals(2, opt.steps());

      AdamW restored = new AdamW(params, B1, B2, EPS, WD);
      restored.load(opt.state());
      assertEquals(2, restored.steps());
      assertArrayEquals(opt.state().get("exp_avg_sq.w").data(), restored.state().get("exp_avg_sq.w").data());
    }
  }
}
