package dev.smelt.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.checkpoint.CheckpointStore;
import dev.smelt.activities.checkpoint.SafeTensors;
import dev.smelt.settings.ModelConfig;
import dev.smelt.settings.PretrainConfig;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.StopReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gradient accumulation, the wall-clock budget, early stopping, timed checkpoints and a stop on
 * request (pause, cancel, SIGTERM).
 */
class StopRulesTest {
  @TempDir Path tmp;

  @Test
  void gradientAccumulationGivesTheSameStepsAsOneBigBatch() throws Exception {
    ModelConfig noDropout = new ModelConfig("custom", 2, 2, 32, 16, 0.0);
    PretrainConfig base = TinyRuns.train("masked", 10, 0);
    PretrainerTest.Recorder whole = new PretrainerTest.Recorder(-1);
    new Pretrainer(TinyRuns.job(noDropout, base, tmp.resolve("a")), whole).run(Optional.empty());
    PretrainerTest.Recorder micro = new PretrainerTest.Recorder(-1);
    new Pretrainer(TinyRuns.job(noDropout, TinyRuns.rules(base, 4, 0, 0, 0, 0), tmp.resolve("b")),
        micro).run(Optional.empty());

    for (int i = 0; i < 10; i++) { // micro-batches hold different numbers of masked tokens
      assertEquals(whole.losses.get(i), micro.losses.get(i), 2e-5, "step " + (i + 1));
    }
    Map<String, SafeTensors.Tensor> a = SafeTensors.read(tmp.resolve("a/final/model.safetensors"));
    Map<String, SafeTensors.Tensor> b = SafeTensors.read(tmp.resolve("b/final/model.safetensors"));
    for (String name : a.keySet()) {
      assertArrayEquals(a.get(name).floats(), b.get(name).floats(), 1e-4f, name);
    }
  }

  @Test
  void aRequestedStopCheckpointsItsStepWritesNoFinalAndTheResumeEndsBitIdentically()
      throws Exception {
    Path straight = tmp.resolve("straight");
    new Pretrainer(TinyRuns.job(TinyRuns.train(8, 0), straight), PretrainListener.NONE)
        .run(Optional.empty());

    Path paused = tmp.resolve("paused");
    List<Integer> checkpoints = new java.util.ArrayList<>();
    PretrainListener stopAtFive = new PretrainListener() {
      int steps;

      @Override
      public void onStep(int step, int total, double loss, double lr, double tokensPerSecond) {
        steps = step;
      }

      @Override
      public void onCheckpoint(int step, Path dir) {
        checkpoints.add(step);
      }

      @Override
      public boolean stopRequested() {
        return steps == 5;
      }
    };
    PretrainResult stopped =
        new Pretrainer(TinyRuns.job(TinyRuns.train(8, 0), paused), stopAtFive).run(Optional.empty());
    assertEquals(StopReason.STOPPED, stopped.stopReason());
    assertTrue(stopped.stopped());
    assertEquals(5, stopped.steps());
    assertEquals(null, stopped.finalModelDir());
    assertEquals(List.of(5), checkpoints, "the stop's checkpoint, on disk on return");
    assertTrue(!Files.exists(paused.resolve("final")), "no final weights for a stopped run");
    assertTrue(!Files.readString(paused.resolve("metrics.jsonl")).contains("stop_reason"));

    Pretrainer again = new Pretrainer(TinyRuns.job(TinyRuns.train(8, 0), paused),
        PretrainListener.NONE);
    PretrainResult resumed = again.run(again.latestCheckpoint());
    assertEquals(5, resumed.resumedFromStep(), "the stopped checkpoint trains on when resumed");
    assertEquals(StopReason.MAX_STEPS, resumed.stopReason());
    assertArrayEquals(Files.readAllBytes(straight.resolve("final/model.safetensors")),
        Files.readAllBytes(paused.resolve("final/model.safetensors")));
  }

  @Test
  void budgetStopsCleanlyWithACheckpointAndARetryDoesNotTrainOn() throws Exception {
    PretrainConfig cfg = TinyRuns.rules(TinyRuns.train(1_000_000, 0), 1, 0.02, 0, 0, 0);
    PretrainerTest.Recorder r = new PretrainerTest.Recorder(-1);
    long t0 = System.nanoTime();
    PretrainResult result = new Pretrainer(TinyRuns.job(cfg, tmp), r).run(Optional.empty());
    double seconds = (System.nanoTime() - t0) / 1e9;

    assertEquals(StopReason.BUDGET, result.stopReason());
    assertTrue(result.steps() > 0 && result.steps() < 1_000_000, "steps " + result.steps());
    assertTrue(seconds < 1.2 + 5, "a 1.2 s budget took " + seconds + " s");
    assertEquals(List.of(result.steps()), r.checkpoints);
    assertTrue(Files.exists(tmp.resolve("final/model.safetensors")));
    assertTrue(Files.readString(tmp.resolve("final/config.json")).contains("\"budget\""));
    assertTrue(Files.readString(tmp.resolve("metrics.jsonl")).contains("\"stop_reason\":\"budget\""));

    Pretrainer retry = new Pretrainer(TinyRuns.job(cfg, tmp), PretrainListener.NONE);
    PretrainResult again = retry.run(retry.latestCheckpoint());
    assertEquals(StopReason.BUDGET, again.stopReason());
    assertEquals(result.steps(), again.steps());
    assertEquals(result.steps(), again.resumedFromStep());
  }

  @Test
  void earlyStoppingEndsAfterPatienceValidationsWithoutImprovement() throws Exception {
    // minDelta 10: only the first measurement can count as an improvement
    PretrainConfig cfg =
        TinyRuns.rules(TinyRuns.evalEvery(TinyRuns.train(40, 0), 5), 1, 0, 2, 10.0, 0);
    PretrainerTest.Recorder r = new PretrainerTest.Recorder(-1);
    PretrainResult result = new Pretrainer(TinyRuns.job(cfg, tmp), r).run(Optional.empty());
    assertEquals(StopReason.EARLY_STOP, result.stopReason());
    assertEquals(15, result.steps());
    assertEquals(3, r.validations.size());
    assertEquals(List.of(15), r.checkpoints);

    PretrainConfig patient =
        TinyRuns.rules(TinyRuns.evalEvery(TinyRuns.train(20, 0), 5), 1, 0, 2, 0.0, 0);
    PretrainResult learning =
        new Pretrainer(TinyRuns.job(patient, tmp.resolve("patient")), PretrainListener.NONE)
            .run(Optional.empty());
    assertEquals(StopReason.MAX_STEPS, learning.stopReason(), "loss keeps falling: no stop");
    assertEquals(20, learning.steps());
  }

  @Test
  void timedCheckpointsComeInAdditionToStepCheckpoints() throws Exception {
    PretrainConfig cfg = TinyRuns.rules(TinyRuns.train(6, 4), 1, 0, 0, 0, 1e-9);
    PretrainerTest.Recorder r = new PretrainerTest.Recorder(-1);
    new Pretrainer(TinyRuns.job(cfg, tmp), r).run(Optional.empty());
    assertEquals(List.of(1, 2, 3, 4, 5, 6), r.checkpoints);
    assertEquals(6, CheckpointStore.stepOf(new CheckpointStore(tmp.resolve("checkpoints"), 2)
        .latestGood().orElseThrow()));
  }
}
