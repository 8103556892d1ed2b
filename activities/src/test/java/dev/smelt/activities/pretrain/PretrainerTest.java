package dev.smelt.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.smelt.activities.checkpoint.CheckpointStore;
import dev.smelt.activities.checkpoint.SafeTensors;
import dev.smelt.settings.PretrainConfig;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.StopReason;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainerTest {
  @TempDir Path tmp;

  /** Records every step's loss; can simulate a crash after a given step. */
  static final class Recorder implements PretrainListener {
    final List<Double> losses = new ArrayList<>();
    final List<Integer> checkpoints = new ArrayList<>();
    final List<Double> validations = new ArrayList<>();
    final int dieAfter;

    Recorder(int dieAfter) {
      this.dieAfter = dieAfter;
    }

    @Override
    public void onStep(int step, int total, double loss, double lr, double tokensPerSecond) {
      losses.add(loss);
      if (step == dieAfter) {
        throw new IllegalStateException("simulated crash at step " + step);
      }
    }

    @Override
    public void onCheckpoint(int step, Path dir) {
      checkpoints.add(step);
    }

    @Override
    public void onValidation(int step, double valLoss) {
      validations.add(valLoss);
    }
  }

  @Test
  void lossFallsClearlyOnALearnableStream() throws Exception {
    Recorder r = new Recorder(-1);
    PretrainResult result =
        new Pretrainer(TinyRuns.job(TinyRuns.train(100, 0), tmp), r).run(Optional.empty());
    assertEquals(100, r.losses.size());
    assertTrue(result.firstLoss() > 2.8, "starts near ln(24)=3.18: " + result.firstLoss());
    double lastTen = r.losses.subList(90, 100).stream().mapToDouble(d -> d).average().orElseThrow();
    assertTrue(lastTen < 1.0, "mean loss of the last 10 steps " + lastTen);
    assertTrue(result.valLoss() < 1.0, "val loss " + result.valLoss());
    assertTrue(Files.size(tmp.resolve("final/model.safetensors")) > 0);
    assertTrue(Files.exists(tmp.resolve("final/config.json")));
    assertEquals(102, Files.readAllLines(tmp.resolve("metrics.jsonl")).size(),
        "100 steps + 1 val + 1 stop");
    assertEquals(StopReason.MAX_STEPS, result.stopReason());
  }

  @Test
  void resumedRunIsBitIdenticalToAnUninterruptedOne() throws Exception {
    resumesBitIdentically("causal");
  }

  @Test
  void resumedMaskedRunWithDropoutIsBitIdenticalToAnUninterruptedOne() throws Exception {
    resumesBitIdentically("masked");
  }

  @Test
  void bothObjectivesLowerTrainingAndValidationLoss() throws Exception {
    for (String objective : List.of("causal", "masked")) {
      Recorder r = new Recorder(-1);
      Path out = tmp.resolve(objective);
      PretrainJob j = TinyRuns.job(TinyRuns.evalEvery(TinyRuns.train(objective, 100, 0), 25), out);
      if (objective.equals("masked")) {
        j = new PretrainJob(j.model(), j.train(), j.vocabSize(), j.seed(),
            TinyRuns.repeatedDocs(40, 0), TinyRuns.repeatedDocs(8, 5), out);
      }
      PretrainResult result = new Pretrainer(j, r).run(Optional.empty());
      double firstTen = r.losses.subList(0, 10).stream().mapToDouble(d -> d).average().orElseThrow();
      double lastTen = r.losses.subList(90, 100).stream().mapToDouble(d -> d).average().orElseThrow();
      // masked LM learns slower: 15 % of positions scored, a tenth of them replaced at random
      double factor = objective.equals("causal") ? 0.5 : 0.7;
      String curve = objective + " train " + firstTen + " -> " + lastTen + ", val " + r.validations;
      System.out.println(curve);
      assertTrue(lastTen < factor * firstTen, curve);
      assertEquals(4, r.validations.size(), curve);
      assertTrue(r.validations.get(3) < factor * r.validations.get(0), curve);
      assertTrue(r.validations.get(3) < r.validations.get(1), curve);
      assertEquals(r.validations.get(3), result.valLoss());
      String config = Files.readString(out.resolve("final/config.json"));
      assertTrue(config.contains("\"bidirectional\" : " + objective.equals("masked")), config);
    }
  }

  /**
   * Two model copies taking one half of each batch each end with exactly the weights of one copy
   * taking both halves in turn (gradient accumulation 2): the gradient exchange and the weight
   * broadcast lose nothing, also across a crash and resume. CPU copies stand in for GPUs here.
   */
  @Test
  void dataParallelCopiesTrainExactlyLikeOneDeviceAccumulatingTheirShares() throws Exception {
    PretrainConfig base = TinyRuns.train(12, 4);
    Path single = tmp.resolve("single");
    Recorder one = new Recorder(-1);
    new Pretrainer(TinyRuns.job(TinyRuns.rules(base, 2, 0, 0, 0, 0), single), one,
        List.of(Device.cpu())).run(Optional.empty());

    Path parallel = tmp.resolve("parallel");
    List<Device> two = List.of(Device.cpu(), Device.cpu());
    Pretrainer dying = new Pretrainer(TinyRuns.job(base, parallel), new Recorder(6), two);
    assertThrows(IllegalStateException.class, () -> dying.run(Optional.empty()));
    Recorder resumed = new Recorder(-1);
    Pretrainer again = new Pretrainer(TinyRuns.job(base, parallel), resumed, two);
    assertEquals(4, again.latestCheckpoint().map(CheckpointStore::stepOf).orElseThrow());
    again.run(again.latestCheckpoint());

    assertEquals(one.losses.subList(4, 12), resumed.losses);
    assertArrayEquals(Files.readAllBytes(single.resolve("final/model.safetensors")),
        Files.readAllBytes(parallel.resolve("final/model.safetensors")));
    IllegalArgumentException uneven = assertThrows(IllegalArgumentException.class,
        () -> new Pretrainer(TinyRuns.job(TinyRuns.rules(base, 8, 0, 0, 0, 0), parallel),
            PretrainListener.NONE, two));
    assertTrue(uneven.getMessage().contains("pretrain.batchSize"), uneven.getMessage());
  }

  private void resumesBitIdentically(String objective) throws Exception {
    Path straight = tmp.resolve("straight");
    Recorder a = new Recorder(-1);
    new Pretrainer(TinyRuns.job(TinyRuns.train(objective, 8, 3), straight), a)
        .run(Optional.empty());

    Path broken = tmp.resolve("broken");
    Recorder first = new Recorder(5);
    Pretrainer dying =
        new Pretrainer(TinyRuns.job(TinyRuns.train(objective, 8, 3), broken), first);
    assertThrows(IllegalStateException.class, () -> dying.run(Optional.empty()));
    assertEquals(List.of(3), first.checkpoints);

    Recorder second = new Recorder(-1);
    Pretrainer fresh =
        new Pretrainer(TinyRuns.job(TinyRuns.train(objective, 8, 3), broken), second);
    Optional<Path> latest = fresh.latestCheckpoint();
    assertEquals(3, CheckpointStore.stepOf(latest.orElseThrow()));
    PretrainResult resumed = fresh.run(latest);

    assertEquals(3, resumed.resumedFromStep());
    List<Double> stitched = new ArrayList<>(first.losses.subList(0, 3));
    stitched.addAll(second.losses);
    assertEquals(a.losses, stitched);
    assertEquals(a.losses.subList(3, 5), first.losses.subList(3, 5), "replayed steps match too");
    assertArrayEquals(Files.readAllBytes(straight.resolve("final/model.safetensors")),
        Files.readAllBytes(broken.resolve("final/model.safetensors")));
    assertArrayEquals(
        Files.readAllBytes(straight.resolve("checkpoints/step-00000008/optimizer.safetensors")),
        Files.readAllBytes(broken.resolve("checkpoints/step-00000008/optimizer.safetensors")));
    assertEquals(stepLines(straight), stepLines(broken));
  }

  @Test
  void refusesToResumeFromACheckpointOfAnotherConfigurationPermanently() throws Exception {
    new Pretrainer(TinyRuns.job(TinyRuns.train(2, 1), tmp), PretrainListener.NONE)
        .run(Optional.empty());
    PretrainJob j = TinyRuns.job(TinyRuns.train(4, 1), tmp);
    PretrainJob otherSeed = new PretrainJob(j.model(), j.train(), j.vocabSize(), 43,
        j.trainTokens(), j.valDocs(), j.outDir(), List.of());
    Pretrainer p = new Pretrainer(otherSeed, PretrainListener.NONE);
    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> p.run(p.latestCheckpoint()));
    assertEquals(PermanentFailure.TYPE, e.getType(), "a retry would read the same checkpoint");
    assertTrue(e.getOriginalMessage().contains("different"), e.getOriginalMessage());
  }

  @Test
  void refusesACheckpointWhoseTensorsDoNotFitTheModelPermanently() throws Exception {
    new Pretrainer(TinyRuns.job(TinyRuns.train(2, 1), tmp), PretrainListener.NONE)
        .run(Optional.empty());
    Pretrainer p = new Pretrainer(TinyRuns.job(TinyRuns.train(4, 1), tmp), PretrainListener.NONE);
    Path checkpoint = p.latestCheckpoint().orElseThrow();
    Path model = checkpoint.resolve(CheckpointStore.MODEL);
    Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>(SafeTensors.read(model));
    tensors.put(tensors.keySet().iterator().next(), SafeTensors.Tensor.f32(new float[] {1f}, 1));
    SafeTensors.write(model, tensors, Map.of("format", "pt"));
    StringBuilder sums = new StringBuilder(); // sums that match: the files are whole, just foreign
    for (String f : List.of(CheckpointStore.MODEL, CheckpointStore.OPTIMIZER, CheckpointStore.STATE)) {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(checkpoint.resolve(f)));
      sums.append(HexFormat.of().formatHex(digest)).append("  ").append(f).append('\n');
    }
    Files.writeString(checkpoint.resolve(CheckpointStore.SUMS), sums);
    ApplicationFailure e = assertThrows(ApplicationFailure.class, () -> p.run(p.latestCheckpoint()));
    assertEquals(PermanentFailure.TYPE, e.getType());
    assertTrue(e.getOriginalMessage().contains("does not fit this model"), e.getOriginalMessage());
  }

  private static List<String> stepLines(Path run) throws Exception {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .map(l -> l.replaceAll(",\"time\":\"[^\"]*\"", "").replaceAll(",\"tokens_per_s\":[^,}]*", "")
            .replaceAll(",\"training_s\":[^,}]*", ""))
        .toList();
  }
}
