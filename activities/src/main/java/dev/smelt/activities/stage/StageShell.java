package dev.smelt.activities.stage;

import dev.smelt.activities.log.StageLog;
import dev.smelt.activities.metrics.StageMetrics;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TrainingProgress;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What every stage activity does around its body, written once (like samples-java's
 * auto-heartbeat interceptor): tag the thread's log lines with the run and stage
 * ({@link StageLog}), confine the run folder to the runs root, read the previous attempt's last
 * heartbeat, heartbeat while the body runs, wrap an I/O failure with the stage and run it belongs
 * to, and time the attempt. Bodies see only a {@link StageContext}, so they run without Temporal.
 */
final class StageShell {
  private StageShell() {}

  /** A stage's work over its context; free of Temporal. */
  @FunctionalInterface
  interface StageBody<T> {
    T run(StageContext context) throws IOException;
  }

  /**
   * The run folder (already confined), the stage input, the previous attempt's last progress
   * (empty on a first attempt), where to report progress, and whether the stage is asked to stop
   * (its activity cancelled, or the worker shutting down): a body that can checkpoint polls it.
   */
  record StageContext(RunFolder run, StageInput input, Optional<TrainingProgress> previous,
      Consumer<TrainingProgress> progress, BooleanSupplier stopRequested) {
    /** A context never asked to stop (a stage run without Temporal). */
    StageContext(RunFolder run, StageInput input, Optional<TrainingProgress> previous,
        Consumer<TrainingProgress> progress) {
      this(run, input, previous, progress, () -> false);
    }
  }

  /**
   * Runs {@code body} as the current activity's attempt of {@code stage}, and records the
   * attempt's wall time ({@code smelt_stage_duration}) once, however it ends.
   *
   * @throws io.temporal.failure.ApplicationFailure a {@code PermanentFailure} when the run folder
   *     lies outside {@code runsRoot}, whatever permanent failure the body throws, or a retryable
   *     {@link StageHeartbeat#STALLED} one when it made no progress for {@code stallMinutes}
   */
  static <T> T run(Stage stage, StageInput in, Path runsRoot, StageBody<T> body) {
    long t0 = System.nanoTime();
    try {
      return around(stage, in, runsRoot, body);
    } finally {
      StageMetrics.stageAttempt(stage.id(), Duration.ofNanos(System.nanoTime() - t0));
    }
  }

  /**
   * Runs {@code body} in {@code stage}'s shell (confined, heartbeating, its log lines tagged with
   * the run and stage) without counting it as an attempt of the stage: the stage cache's
   * bookkeeping before and after the stage's own activity.
   */
  static <T> T around(Stage stage, StageInput in, Path runsRoot, StageBody<T> body) {
    try (StageLog.Scope tags = StageLog.enter(in.runId(), stage.id())) {
      RunFolder run = RunFolder.confined(in.runDir(), runsRoot);
      Optional<TrainingProgress> previous = StageHeartbeat.previous();
      double stallMinutes = in.config() == null ? 0 : stage.stallMinutes(in.config().stallMinutes());
      try (StageHeartbeat hb = StageHeartbeat.start(stage, stallMinutes)) {
        return attempt(hb, new StageContext(run, in, previous, hb::progress,
            () -> hb.stopRequested() || WorkerShutdown.requested()), body);
      } catch (IOException e) {
        throw new UncheckedIOException(stage.label() + " of run " + in.runId() + " failed", e);
      }
    }
  }

  /** The body under {@code hb}: whatever it fails with once stalled, it fails as stalled. */
  static <T> T attempt(StageHeartbeat hb, StageContext ctx, StageBody<T> body) throws IOException {
    try {
      return body.run(ctx);
    } catch (IOException | RuntimeException e) {
      if (!hb.stalled()
          || e instanceof ApplicationFailure a && StageHeartbeat.STALLED.equals(a.getType())) {
        throw e;
      }
      ApplicationFailure stalled = hb.stallFailure();
      stalled.addSuppressed(e); // the interrupted wait, for the worker's log
      throw stalled;
    }
  }
}
