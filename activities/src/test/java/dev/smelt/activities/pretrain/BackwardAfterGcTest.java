package dev.smelt.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.smelt.activities.model.Gpt;
import dev.smelt.settings.ModelConfig;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whatever the garbage collector frees between the forward and the backward pass must not change
 * the gradients: nothing autograd keeps may live in memory that Java owns. (It did: DJL's number
 * overloads such as {@code x.div(n)} put the number in a Java buffer that a GC frees while
 * autograd still reads it, and the query/key gradients of a layer came out 0 now and then.)
 */
class BackwardAfterGcTest {
  static final ModelConfig NO_DROPOUT = new ModelConfig("custom", 2, 2, 32, 16, 0.0);

  @Test
  void gradientsAreTheSameWhenJavaMemoryIsFreedAndReusedBeforeTheBackwardPass() {
    Map<String, float[]> direct = gradients(false);
    Map<String, float[]> afterGc = gradients(true);
    assertTrue(direct.values().stream().anyMatch(g -> g.length > 0 && g[0] != 0f), "some gradient");
    direct.forEach((name, g) -> assertArrayEquals(g, afterGc.get(name), name));
  }

  private static Map<String, float[]> gradients(boolean collectBetween) {
    Objective.StepBatch batch = Objective.of(TinyRuns.train(10, 0), TinyRuns.VOCAB, 42)
        .prepare(new TokenBatches(TinyRuns.countingDocs(40, 0), NO_DROPOUT.contextLength(), 8, 42)
            .next(), 1);
    try (NDManager root = NDManager.newBaseManager();
        Gpt gpt = new Gpt(NO_DROPOUT, TinyRuns.VOCAB, false, 42, root);
        NDManager step = gpt.manager().newSubManager()) {
      List<ByteBuffer> poison;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray loss = Pretrainer.microBatchLoss(gpt, batch, step);
        poison = collectBetween ? freeAndPoisonJavaBuffers() : List.of();
        gc.backward(loss);
      }
      Map<String, float[]> out = new LinkedHashMap<>();
      gpt.parameters().forEach((name, p) -> out.put(name, p.getGradient().toFloatArray()));
      Reference.reachabilityFence(poison); // the poisoned buffers stay allocated until here
      return out;
    }
  }

  /**
   * Frees unreachable direct buffers (a GC runs their cleaners) and fills the freed small blocks
   * with NaN by allocating buffers of the same size; a tensor still pointing there reads NaN.
   */
  private static List<ByteBuffer> freeAndPoisonJavaBuffers() {
    List<ByteBuffer> held = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      System.gc();
      for (int i = 0; i < 20_000; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(i % 2 == 0 ? 4 : 8);
        b.putFloat(0, Float.NaN);
        if (b.capacity() == 8) {
          b.putFloat(4, Float.NaN);
        }
        held.add(b);
      }
    }
    return held;
  }
}
