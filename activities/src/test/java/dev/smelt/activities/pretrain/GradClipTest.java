package dev.smelt.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradClipTest {
  @Test
  void scalesAllGradientsTogetherToTheMaxNorm() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {3f, 0f});
      NDArray b = m.create(new float[] {0f, 4f});
      double norm = GradClip.clip(List.of(a, b), 1.0);
      assertEquals(5.0, norm, 1e-6);
      assertArrayEquals(new float[] {0.6f, 0f}, a.toFloatArray(), 1e-5f);
      assertArrayEquals(new float[] {0f, 0.8f}, b.toFloatArray(), 1e-5f);
      assertEquals(1.0, GradClip.clip(List.of(a, b), 0), 1e-5, "norm after clipping");
    }
  }

  @Test
  void leavesSmallGradientsAlone() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {0.3f, 0.4f});
      assertEquals(0.5, GradClip.clip(List.of(a), 1.0), 1e-6);
      assertArrayEquals(new float[] {0.3f, 0.4f}, a.toFloatArray());
    }
  }
}
