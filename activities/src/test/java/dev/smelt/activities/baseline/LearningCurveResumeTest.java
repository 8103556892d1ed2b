package dev.smelt.activities.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.checkpoint.CheckpointPolicy;
import dev.smelt.activities.finetune.Finetuner;
import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.activities.finetune.TinyPretrained;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.ModelConfig;
import dev.smelt.workflows.stage.CurvePoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(600)
class LearningCurveResumeTest {
  @TempDir Path tmp;

  private static List<LabelledText> texts(int n, long seed) {
    Random r = new Random(seed);
    List<LabelledText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = r.nextInt(2);
      out.add(new LabelledText("w" + (4 + label * 10 + r.nextInt(6)) + " w" + (4 + r.nextInt(16)),
          label));
    }
    return out;
  }

  private LearningCurve.Job job(Path pretrained, String folder) {
    FinetuneConfig f = new FinetuneConfig("toy", List.of(), 6, 4, 2e-3, 1, 0.01, 8, 0.2,
        List.of(10), 3);
    return new LearningCurve.Job(f, pretrained, texts(30, 1), texts(10, 2),
        s -> Arrays.stream(s.split(" ")).mapToInt(w -> Integer.parseInt(w.substring(1))).toArray(),
        7, tmp.resolve(folder), "cpu", new CheckpointPolicy(2, 0, 1));
  }

  @Test
  void aRetriedCurveKeepsItsFinishedModelsAndResumesTheInterruptedOne() throws Exception {
    Path pretrained = TinyPretrained.write(tmp.resolve("pretrain/final"),
        new ModelConfig("custom", 1, 2, 16, 8, 0.1));
    List<CurvePoint> straight = LearningCurve.run(job(pretrained, "straight"), s -> {});
    assertEquals(6, straight.size(), "sizes 10 and 30, three models each");

    AtomicInteger steps = new AtomicInteger();
    assertThrows(IllegalStateException.class, () -> LearningCurve.run(job(pretrained, "retried"),
        s -> {
          if (steps.incrementAndGet() == 5) { // step 2 of the second model (from scratch, 10)
            throw new IllegalStateException("worker lost");
          }
        }));
    assertTrue(Files.isRegularFile(tmp.resolve("retried")
        .resolve(LearningCurve.PRETRAINED + "-10").resolve(Finetuner.OUTCOME)));
    steps.set(0);
    List<CurvePoint> retried = LearningCurve.run(job(pretrained, "retried"),
        s -> steps.incrementAndGet());
    assertEquals(1 + 3 + 3, steps.get(), "model 1 kept, model 2 from its step-2 checkpoint, "
        + "models 3 and 4 trained");
    assertEquals(straight, retried);
  }
}
