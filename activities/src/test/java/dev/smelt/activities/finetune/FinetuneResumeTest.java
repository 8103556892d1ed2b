package dev.smelt.activities.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.checkpoint.CheckpointPolicy;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(600)
class FinetuneResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FinetuneConfig CFG =
      new FinetuneConfig("toy", List.of(), 12, 8, 2e-3, 2, 0.01, 12, 0.2, List.of(), 0);
  private static final CheckpointPolicy EVERY_4 = new CheckpointPolicy(4, 0, 2);

  @TempDir Path tmp;

  private Path pretrained() throws IOException {
    return TinyPretrained.write(tmp.resolve("pretrain/final"),
        new ModelConfig("custom", 2, 2, 32, 16, 0.1));
  }

  private FinetuneJob job(Path pretrained, FinetuneConfig cfg, String folder) {
    return new FinetuneJob(cfg, pretrained, FinetunerTest.separable(40, 1),
        FinetunerTest.separable(20, 2), FinetunerTest.WORDS, 7, tmp.resolve(folder), "cpu", false,
        true, EVERY_4);
  }

  /** The losses metrics.jsonl logged, step by step. */
  private static List<Double> losses(Path dir) throws IOException {
    List<Double> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("metrics.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      if (n.has("loss")) {
        assertEquals(out.size() + 1, n.get("step").asInt(), "one line a step, in order");
        out.add(n.get("loss").asDouble());
      }
    }
    return out;
  }

  @Test
  void aFineTuneFailedAfterStep7ResumesFromItsCheckpointBitIdentically() throws Exception {
    Path pretrained = pretrained();
    FinetuneOutcome straight = Finetuner.run(job(pretrained, CFG, "straight"), s -> {});

    IntConsumer failAt7 = s -> {
      if (s == 7) {
        throw new IllegalStateException("worker lost after step 7");
      }
    };
    assertThrows(IllegalStateException.class,
        () -> Finetuner.run(job(pretrained, CFG, "resumed"), failAt7));
    Path ckpts = tmp.resolve("resumed/checkpoints");
    assertTrue(Files.isDirectory(ckpts.resolve("step-00000004")), "checkpoint of step 4 kept");
    assertFalse(Files.exists(tmp.resolve("resumed").resolve(Finetuner.OUTCOME)));

    List<Integer> redone = new ArrayList<>();
    FinetuneOutcome resumed = Finetuner.run(job(pretrained, CFG, "resumed"), redone::add);
    assertEquals(List.of(5, 6, 7, 8, 9, 10, 11, 12), redone, "steps 1-4 come from the checkpoint");
    assertArrayEquals(straight.testPredictions(), resumed.testPredictions());
    assertEquals(straight.firstLoss(), resumed.firstLoss());
    assertEquals(straight.lastLoss(), resumed.lastLoss());
    assertEquals(losses(tmp.resolve("straight")), losses(tmp.resolve("resumed")));
    assertArrayEquals(Files.readAllBytes(straight.modelDir().resolve(GptFiles.WEIGHTS)),
        Files.readAllBytes(resumed.modelDir().resolve(GptFiles.WEIGHTS)),
        "the fine-tuned weights are bit-identical");
    assertFalse(Files.exists(ckpts), "checkpoints go once the outcome is kept");
  }

  @Test
  void aFinishedJobIsNotTrainedAgainUnlessItsInputsChanged() throws Exception {
    Path pretrained = pretrained();
    FinetuneOutcome first = Finetuner.run(job(pretrained, CFG, "job"), s -> {});
    AtomicInteger steps = new AtomicInteger();
    FinetuneOutcome again =
        Finetuner.run(job(pretrained, CFG, "job"), s -> steps.incrementAndGet());
    assertEquals(0, steps.get(), "outcome.json holds the finished job");
    assertArrayEquals(first.testPredictions(), again.testPredictions());
    assertEquals(first.accuracy(), again.accuracy());
    assertEquals(first.modelDir(), again.modelDir());

    FinetuneConfig longer =
        new FinetuneConfig("toy", List.of(), 14, 8, 2e-3, 2, 0.01, 12, 0.2, List.of(), 0);
    Finetuner.run(job(pretrained, longer, "job"), s -> steps.incrementAndGet());
    assertEquals(14, steps.get(), "another config is another job: its outcome is not reused");
  }
}
