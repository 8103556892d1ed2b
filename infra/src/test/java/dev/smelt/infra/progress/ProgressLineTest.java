package dev.smelt.infra.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.workflows.stage.TrainingProgress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  @Test
  void trainingLineShowsTokensPerSecondAndEta() {
    TrainingProgress hb =
        new TrainingProgress("pretrain", 50, 100, "steps", 2.5, null, 12_345.0);
    String line = ProgressLine.render(new StageSnapshot("pretrain", 2, 6, hb, 1, null),
        Duration.ofSeconds(10), 5.0);
    assertTrue(line.contains("50/100 steps"), line);
    assertTrue(line.contains("loss 2.500"), line);
    assertTrue(line.contains("12.3k tok/s"), line);
    assertTrue(line.contains("ETA 0:10"), line);
  }

  @Test
  void stagesWithoutThroughputShowNone() {
    TrainingProgress hb =
        new TrainingProgress("evaluate", 1, 2, "steps", Double.NaN, null, Double.NaN);
    String line = ProgressLine.render(new StageSnapshot("evaluate", 4, 6, hb, 1, null),
        Duration.ofSeconds(3), Double.NaN);
    assertFalse(line.contains("tok/s"), line);
    assertEquals("2.10M", ProgressLine.tokens(2_100_000));
    assertEquals("950", ProgressLine.tokens(950));
  }

  @Test
  void theFinishedRunIsNeverNumberedPastTheLastStage() {
    String line = ProgressLine.render(new StageSnapshot("done", 7, 7, null, 1, null),
        Duration.ZERO, Double.NaN);
    assertTrue(line.startsWith("[7/7] done"), line);
  }
}
