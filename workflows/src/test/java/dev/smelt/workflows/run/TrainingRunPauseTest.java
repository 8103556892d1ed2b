package dev.smelt.workflows.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.smelt.settings.PretrainConfig;
import dev.smelt.settings.WorkerQueue;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.BaselinesResult;
import dev.smelt.workflows.stage.BaselinesResults;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.FinetuneResult;
import dev.smelt.workflows.stage.FinetuneResults;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.StopReason;
import dev.smelt.workflows.stage.TaskEval;
import dev.smelt.workflows.stage.TokenizerResult;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pause, unpause and cancel of TrainingRun over fast fake activities: a pause cancels the running
 * pre-training, which returns "stopped" at its step; unpause runs it again; a cancel marks the
 * run folder after the stage stopped. The same over real training: infra's RunControlTest.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // a stuck workflow fails the test, never hangs it
class TrainingRunPauseTest {
  private static final RunConfig CONFIG = new RunConfig("x", 1, null, null, null,
      new PretrainConfig("causal", 100, 1, 1e-3, 0, 0, 0, 0, 1, 0, 0, 1, 4, 1, 0, 0, 0, 0, 0.15,
          "cpu", WorkerQueue.CPU, PretrainConfig.NO_INIT), null, null);
  private static final StageInput IN = new StageInput("r1", "/runs/r1", CONFIG);
  private static final PretrainResult DONE = new PretrainResult(100, 6.2, 3.1, 3.3, 51200,
      900.0, 123456, 0, "/runs/r1/pretrain/final", 3.0, StopReason.MAX_STEPS);

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(TrainingRunImpl.class)
      .setDoNotStart(true)
      .setWorkerOptions(WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000)
          .setMaxHeartbeatThrottleInterval(Duration.ofMillis(100))
          .setDefaultHeartbeatThrottleInterval(Duration.ofMillis(100)).build())
      .build();

  /**
   * Pre-training that heartbeats a step every few milliseconds until cancelled, then returns
   * "stopped" at the step it reached (as the real loop does after its checkpoint); the second
   * attempt finishes at once.
   */
  static final class StoppablePretrain implements StageActivities.Pretrain {
    final AtomicInteger calls = new AtomicInteger();
    volatile int step;

    @Override
    public PretrainResult pretrain(StageInput input) {
      if (calls.incrementAndGet() > 1) {
        return DONE;
      }
      for (step = 1; ; step++) {
        try {
          Activity.getExecutionContext().heartbeat(step);
          Thread.sleep(20); // a training step's time, so the test can catch it mid-way
        } catch (ActivityCompletionException cancelled) {
          return new PretrainResult(step, 6.2, 5.0, Double.NaN, 0, 0, 0, 0, null, 1.0,
              StopReason.STOPPED);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static <T> T activity(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }

  private static Object[] stages(StoppablePretrain pretrain, StageActivities.MarkRun mark) {
    StageActivities.Data data = activity(StageActivities.Data.class);
    when(data.prepare(any())).thenReturn(new DataResult(10, 8, 2, 800, List.of(), 1.0));
    StageActivities.Tokenizer tokenizer = activity(StageActivities.Tokenizer.class);
    when(tokenizer.train(any())).thenReturn(
        new TokenizerResult(512, 7, 1, 7000, 1000, "/runs/r1/tokenizer/tokenizer.json", 2.0));
    StageActivities.Finetune finetune = activity(StageActivities.Finetune.class);
    when(finetune.finetune(any())).thenReturn(
        new FinetuneResults(List.of(
            new FinetuneResult("sentiment", 50, 0.7, 0.4, 40, 10, "/runs/r1/finetune/s", 4.0))));
    StageActivities.Baselines baselines = activity(StageActivities.Baselines.class);
    when(baselines.baselines(any())).thenReturn(
        new BaselinesResults(List.of(
            new BaselinesResult("sentiment", "/s", "/b.json", List.of(), 5.0))));
    StageActivities.Evaluate evaluate = activity(StageActivities.Evaluate.class);
    when(evaluate.evaluate(any())).thenReturn(new EvalResult(3.3, 27.1, 4.2, 1000,
        List.of(new TaskEval("sentiment", 0.8, 10, 0.5, List.of())), Double.NaN, 0, List.of(), Double.NaN, List.of(), null,
        Double.NaN, Double.NaN, 6.0));
    StageActivities.Report report = activity(StageActivities.Report.class);
    when(report.write(any(), any())).thenReturn("/runs/r1/report.html");
    return new Object[] {new NothingCached(), data, tokenizer, pretrain, finetune, baselines,
        evaluate, report, mark};
  }

  private static RunStatus await(TrainingRun run, Predicate<RunStatus> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      RunStatus s = run.status();
      if (condition.test(s)) {
        return s;
      }
      Thread.sleep(20); // polling the query, not standing in for work
    }
    throw new AssertionError("the run did not reach the expected state: " + run.status());
  }

  /** Starts the run and returns once its pre-training has taken a few steps. */
  private static CompletableFuture<RunSummary> startAndTrain(TestWorkflowEnvironment env,
      Worker worker, TrainingRun run, StoppablePretrain pretrain, StageActivities.MarkRun mark)
      throws InterruptedException {
    worker.registerActivitiesImplementations(stages(pretrain, mark));
    env.start();
    CompletableFuture<RunSummary> result = WorkflowClient.execute(run::run, IN);
    await(run, s -> "pretrain".equals(s.current()));
    while (pretrain.step < 3) {
      Thread.sleep(10); // polling the fake's step
    }
    return result;
  }

  @Test
  void pauseStopsPretrainingAtItsStepAndUnpauseRunsItAgainToTheEnd(TestWorkflowEnvironment env,
      Worker worker, WorkflowClient client, WorkflowOptions options) throws Exception {
    StoppablePretrain pretrain = new StoppablePretrain();
    StageActivities.MarkRun mark = activity(StageActivities.MarkRun.class);
    TrainingRun run = client.newWorkflowStub(TrainingRun.class, options);
    CompletableFuture<RunSummary> result = startAndTrain(env, worker, run, pretrain, mark);

    run.pause();
    RunStatus paused = await(run, s -> s.pausedAt() != null);
    assertTrue(paused.pausedAt().matches("pretrain step \\d+"), paused.state());
    assertEquals("pretrain", paused.current());
    assertEquals(1, pretrain.calls.get(), "held: pre-training is not started again while paused");

    run.unpause();
    RunSummary summary = result.get();
    assertEquals(DONE, summary.pretrain(), "the run ends with the resumed attempt's result");
    assertEquals(2, pretrain.calls.get());
    assertEquals("running", run.status().state());
    verifyNoInteractions(mark);
  }

  @Test
  void cancelStopsPretrainingThenMarksTheRunFolderCancelled(TestWorkflowEnvironment env,
      Worker worker, WorkflowClient client, WorkflowOptions options) throws Exception {
    StoppablePretrain pretrain = new StoppablePretrain();
    StageActivities.MarkRun mark = activity(StageActivities.MarkRun.class);
    TrainingRun run = client.newWorkflowStub(TrainingRun.class, options);
    CompletableFuture<RunSummary> result = startAndTrain(env, worker, run, pretrain, mark);

    WorkflowStub.fromTyped(run).cancel();
    WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
        () -> WorkflowStub.fromTyped(run).getResult(RunSummary.class));
    assertTrue(failed.getCause() instanceof CanceledFailure, failed.toString());
    verify(mark).cancelled(IN, "pretrain");
    assertEquals(1, pretrain.calls.get(), "pre-training is not run again after the cancel");
    // the run's own future learns of the failure a moment after getResult does: wait for it
    assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
  }

  @Test
  void cancelWhilePausedEndsTheRunAndMarksItCancelledInTheStageItWasPausedIn(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    StoppablePretrain pretrain = new StoppablePretrain();
    StageActivities.MarkRun mark = activity(StageActivities.MarkRun.class);
    TrainingRun run = client.newWorkflowStub(TrainingRun.class, options);
    startAndTrain(env, worker, run, pretrain, mark);
    run.pause();
    await(run, s -> s.pausedAt() != null);

    WorkflowStub.fromTyped(run).cancel();
    WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
        () -> WorkflowStub.fromTyped(run).getResult(RunSummary.class));
    assertTrue(failed.getCause() instanceof CanceledFailure, failed.toString());
    verify(mark).cancelled(IN, "pretrain");
    assertEquals(1, pretrain.calls.get(), "a paused run that is cancelled never trains again");
  }
}
