package dev.smelt.activities.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.checkpoint.CheckpointPolicy;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.ModelConfig;
import dev.smelt.workflows.stage.StopReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning's early stop on a validation split, and its checkpoint/resume contract. */
@Timeout(600)
class FinetuneEarlyStopTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FinetuneConfig CFG =
      new FinetuneConfig("toy", List.of(), 60, 8, 3e-3, 2, 0.01, 12, 0.2, List.of(), 0);

  @TempDir Path tmp;

  /** Validation examples whose labels are the opposite of what training teaches: loss rises. */
  private static List<LabelledText> flipped(int n) {
    return FinetunerTest.separable(n, 3).stream()
        .map(e -> new LabelledText(e.text(), 1 - e.label())).toList();
  }

  private FinetuneJob job(Path pretrained, ValidationStop stop, String folder) {
    return new FinetuneJob(CFG, pretrained, FinetunerTest.separable(40, 1),
        FinetunerTest.separable(20, 2), FinetunerTest.WORDS, 7, tmp.resolve(folder), "cpu", false,
        false, new CheckpointPolicy(2, 0, 2), stop);
  }

  private static List<Integer> validationSteps(Path dir) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("metrics.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      if (n.has("val_loss")) {
        out.add(n.get("step").asInt());
      }
    }
    return out;
  }

  @Test
  void aValidationLossThatRisesStopsTheJobAndAResumeStopsAtTheSameStep() throws Exception {
    Path pretrained = TinyPretrained.write(tmp.resolve("pretrain/final"),
        new ModelConfig("custom", 2, 2, 32, 16, 0.1));
    ValidationStop stop = new ValidationStop(flipped(16), 3, 2);
    FinetuneOutcome straight = Finetuner.run(job(pretrained, stop, "straight"), s -> {});
    assertEquals(StopReason.EARLY_STOP, straight.stopReason());
    assertTrue(straight.steps() < CFG.steps(), "stopped at " + straight.steps());
    assertEquals(0, straight.steps() % 3, "it stops at a measurement");
    List<Integer> measured = validationSteps(tmp.resolve("straight"));
    assertEquals(straight.steps(), measured.get(measured.size() - 1));
    assertTrue(measured.size() >= 3, "the best, then patience 2 measurements: " + measured);

    int failAt = straight.steps() - 1; // after the checkpoint of an even step, before the stop
    assertThrows(IllegalStateException.class, () -> Finetuner.run(job(pretrained, stop, "resumed"),
        s -> {
          if (s == failAt) {
            throw new IllegalStateException("worker lost");
          }
        }));
    FinetuneOutcome resumed = Finetuner.run(job(pretrained, stop, "resumed"), s -> {});
    assertEquals(straight.steps(), resumed.steps(), "patience restored from the checkpoint");
    assertEquals(StopReason.EARLY_STOP, resumed.stopReason());
    assertArrayEquals(straight.testPredictions(), resumed.testPredictions());
  }

  @Test
  void withoutTheRuleEveryStepIsTrained() throws Exception {
    Path pretrained = TinyPretrained.write(tmp.resolve("pretrain/final"),
        new ModelConfig("custom", 2, 2, 32, 16, 0.1));
    FinetuneOutcome o = Finetuner.run(job(pretrained, ValidationStop.NONE, "all"), s -> {});
    assertEquals(CFG.steps(), o.steps());
    assertEquals(StopReason.MAX_STEPS, o.stopReason());
    assertEquals(List.of(), validationSteps(tmp.resolve("all")));
  }
}
