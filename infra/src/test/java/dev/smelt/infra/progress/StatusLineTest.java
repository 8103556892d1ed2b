package dev.smelt.infra.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smelt.workflows.stage.TrainingProgress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `smelt status RUN` lines: state first, then the stage and its numbers. */
class StatusLineTest {
  private static final TrainingProgress STEP_50 =
      new TrainingProgress("pretrain", 50, 100, "steps", 2.5, null, 12_345.0);

  @Test
  void runningTrainingShowsStepLossThroughputAndEta() {
    StageSnapshot s = new StageSnapshot("pretrain", 2, 7, STEP_50, 1, null, List.of(), "running");
    assertEquals("r: running, stage 3/7 pretrain, 50/100 steps, loss 2.500, 12.3k tok/s, ETA 0:10",
        StatusLine.render("r", s, 5.0));
  }

  @Test
  void unknownRateShowsNoEtaAndARetryShowsItsAttempt() {
    StageSnapshot s = new StageSnapshot("pretrain", 2, 7, STEP_50, 3, "boom", List.of(), null);
    assertEquals("r: running, stage 3/7 pretrain, 50/100 steps, loss 2.500, 12.3k tok/s, "
        + "attempt 3", StatusLine.render("r", s, Double.NaN));
  }

  @Test
  void pausedAndCancelledRunsSayTheirStateAndStageWithoutEta() {
    StageSnapshot paused = new StageSnapshot("pretrain", 2, 7, null, 1, null, List.of(),
        "paused at pretrain step 37");
    assertEquals("r: paused at pretrain step 37, stage 3/7 pretrain",
        StatusLine.render("r", paused, 5.0));
    StageSnapshot cancelled = new StageSnapshot("pretrain", 2, 7, STEP_50, 1, null, List.of(),
        "cancelled");
    assertEquals("r: cancelled in stage 3/7 pretrain, 50/100 steps, loss 2.500, 12.3k tok/s",
        StatusLine.render("r", cancelled, 5.0));
  }

  @Test
  void aFinishedRunIsOneWord() {
    StageSnapshot done = new StageSnapshot("done", 7, 7, null, 1, null, List.of(), "completed");
    assertEquals("r: completed", StatusLine.render("r", done, Double.NaN));
  }
}
