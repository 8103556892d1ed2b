package dev.smelt.workflows.run;

import dev.smelt.workflows.stage.Stage;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A run's pause, deterministic workflow state. A pause cancels the running stage's activity: the
 * workflow cannot reach into an activity, but a cancel reaches it as the answer to its next
 * heartbeat, from any worker, with no storage shared with the CLI. Pre-training answers by
 * checkpointing the step it is at and returning "stopped"; any other stage just ends. Either way
 * the worker is free; on unpause the stage runs again (training resumes from its checkpoint).
 */
final class PauseSwitch {
  private boolean requested;
  private String pausedAt;

  void pause() {
    requested = true;
  }

  void unpause() {
    requested = false;
    pausedAt = null;
  }

  boolean requested() {
    return requested;
  }

  /** Where the run stands paused ("pretrain step 37"); null while running or still stopping. */
  String pausedAt() {
    return pausedAt;
  }

  /**
   * {@code body}'s result, running it again after each pause. {@code stoppedAt} names the step
   * a result stopped at on request (empty for a finished stage).
   */
  <T> T run(Stage stage, Supplier<T> body, Function<T, OptionalInt> stoppedAt) {
    while (true) {
      awaitUnpaused(stage); // also where a cancel that came during a cache activity ends the run
      @SuppressWarnings("unchecked")
      Promise<T>[] started = new Promise[1];
      CancellationScope scope = Workflow.newCancellationScope(
          () -> started[0] = Async.function(body::get));
      scope.run();
      Promise<T> result = started[0];
      try {
        Workflow.await(() -> requested || result.isCompleted());
      } catch (CanceledFailure runCancelled) {
        settle(result); // the stage checkpoints and stops; the run's cleanup waits for that
        throw runCancelled;
      }
      if (!result.isCompleted()) {
        scope.cancel("paused");
      }
      try {
        T value = result.get();
        OptionalInt stopped = stoppedAt.apply(value);
        if (stopped.isEmpty()) {
          return value;
        }
        pausedAt = stage.id() + " step " + stopped.getAsInt();
      } catch (ActivityFailure e) {
        if (!(e.getCause() instanceof CanceledFailure) || !scope.isCancelRequested()) {
          throw e;
        }
        pausedAt = stage.id();
      }
    }
  }

  private void awaitUnpaused(Stage stage) {
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure("run cancelled");
    }
    if (requested && pausedAt == null) { // asked between stages: nothing to stop
      pausedAt = "before " + stage.id();
    }
    Workflow.await(() -> !requested);
    pausedAt = null; // running again (an unpause may have come before the stage had stopped)
  }

  private static void settle(Promise<?> result) {
    try {
      result.get();
    } catch (RuntimeException stoppedOrFailed) {
      // the run is cancelled: how its stage ended changes nothing
    }
  }
}
