package dev.smelt.activities.checkpoint;

import ai.djl.ndarray.NDManager;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.ModelPresets;
import dev.smelt.activities.pretrain.AdamW;
import dev.smelt.activities.pretrain.PretrainJob;
import dev.smelt.activities.pretrain.PretrainListener;
import dev.smelt.activities.pretrain.Pretrainer;
import dev.smelt.settings.ModelConfig;
import dev.smelt.settings.PretrainConfig;
import dev.smelt.settings.WorkerQueue;
import dev.smelt.workflows.stage.PretrainResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a checkpoint stalls the training loop, as a share of the time between checkpoints at
 * the default interval (100 steps, batch 16), for the tiny preset; and the write rate, to estimate
 * gpt2-124m. Opt in:
 * {@code mvn -pl activities -am test -Dtest=CheckpointCostBench -Dsmelt.bench=checkpoint
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CheckpointCostBench {
  private static final int VOCAB = 4096;
  private static final int EVERY = 100;
  private static final int BATCH = 16;

  @TempDir Path tmp;

  @Test
  @EnabledIfSystemProperty(named = "smelt.bench", matches = "checkpoint")
  void checkpointStallIsASmallShareOfTheTimeBetweenCheckpoints() throws Exception {
    ModelConfig tiny = ModelPresets.of("tiny");
    double stepSeconds = secondsPerStep(tiny);
    try (NDManager root = NDManager.newBaseManager();
        Gpt gpt = new Gpt(tiny, VOCAB, false, 1, root)) {
      AdamW opt = AdamW.gptDefaults(gpt.parameters(), 0.1);
      CheckpointStore store = new CheckpointStore(tmp.resolve("ckpt"), 2);
      double syncSeconds = Double.MAX_VALUE;
      long bytes = 0;
      for (int i = 1; i <= 3; i++) {
        long t0 = System.nanoTime();
        Path dir = store.save(TensorArrays.toTensors(gpt.parameters()), opt.state(),
            state(i));
        syncSeconds = Math.min(syncSeconds, (System.nanoTime() - t0) / 1e9);
        bytes = Files.size(dir.resolve(CheckpointStore.MODEL))
            + Files.size(dir.resolve(CheckpointStore.OPTIMIZER));
      }
      double stall = Double.MAX_VALUE;
      try (CheckpointWriter writer = new CheckpointWriter(store)) {
        for (int i = 10; i <= 12; i++) {
          writer.await(); // measure the snapshot alone, as in a loop whose writes keep up
          double before = writer.stallSeconds();
          writer.save(TensorArrays.toTensors(gpt.parameters()), opt.state(), state(i));
          stall = Math.min(stall, writer.stallSeconds() - before);
        }
      }
      double between = EVERY * stepSeconds;
      double rate = bytes / syncSeconds;
      long gpt2Bytes = 3 * 4 * Gpt.parameterCount(ModelPresets.of("gpt2-124m"), 50257);
      System.out.printf("tiny: %.3f s/step (batch %d x %d), %d steps between checkpoints = %.1f s%n",
          stepSeconds, BATCH, tiny.contextLength(), EVERY, between);
      System.out.printf("tiny: checkpoint %.1f MB; synchronous save %.3f s = %.2f %%; "
          + "asynchronous stall (snapshot) %.4f s = %.3f %%%n", bytes / 1e6, syncSeconds,
          100 * syncSeconds / between, stall, 100 * stall / between);
      System.out.printf("write rate %.0f MB/s (write + fsync + sha256 + rename); gpt2-124m "
          + "checkpoint %.2f GB would take %.1f s to write synchronously%n", rate / 1e6,
          gpt2Bytes / 1e9, gpt2Bytes / rate);
    }
  }

  /** Seconds per optimizer step of the tiny preset at the default batch, on this machine. */
  private double secondsPerStep(ModelConfig tiny) throws Exception {
    Random r = new Random(1);
    List<int[]> docs = new ArrayList<>();
    for (int d = 0; d < 60; d++) {
      docs.add(r.ints(400, 4, VOCAB).toArray());
    }
    PretrainConfig cfg = new PretrainConfig("causal", 8, BATCH, 3e-3, 3e-4, 2, 0.1, 1.0, 100, 0, 0,
        1, 30, 1, 0, 0, 0, 0, 0.15, "cpu", WorkerQueue.CPU, PretrainConfig.NO_INIT);
    PretrainResult res = new Pretrainer(new PretrainJob(tiny, cfg, VOCAB, 1, docs, List.of(),
        tmp.resolve("run")), PretrainListener.NONE).run(Optional.empty());
    return (double) BATCH * tiny.contextLength() / res.tokensPerSecond();
  }

  private static TrainingState state(int step) {
    return new TrainingState(step, 0, 0, 1, "bench", "bench", 0, 0, 0, 0, 0, 0, null, List.of());
  }
}
