package dev.smelt.workflows.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smelt.settings.PretrainConfig;
import dev.smelt.settings.WorkerQueue;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TrainingRun gives up on a permanent failure at once and hands its message on intact. */
class PermanentFailureNotRetriedTest {
  private static final String WHY = "every one of the 12 documents read was rejected (TOO_SHORT 12);"
      + " nothing is left to train a tokenizer on — see runs/x/data/stats.json";
  /** Only what the workflow itself reads: the heartbeat timeout. */
  private static final RunConfig CONFIG = new RunConfig("x", 1, null, null, null,
      new PretrainConfig("causal", 1, 1, 1e-3, 0, 0, 0, 0, 1, 0, 0, 1, 8, 1, 0, 0, 0, 0, 0.15,
          "cpu", WorkerQueue.CPU, PretrainConfig.NO_INIT), null, null);

  private TestWorkflowEnvironment env;

  /** A data stage whose attempt n (from 1) throws what {@code failure} gives for n. */
  static final class FailingData implements StageActivities.Data {
    final AtomicInteger attempts = new AtomicInteger();
    private final IntFunction<RuntimeException> failure;

    FailingData(IntFunction<RuntimeException> failure) {
      this.failure = failure;
    }

    @Override
    public DataResult prepare(StageInput input) {
      throw failure.apply(attempts.incrementAndGet());
    }
  }

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private ApplicationFailure runFailingWith(FailingData data) {
    Worker worker = env.newWorker(TrainingRun.CPU_QUEUE);
    worker.registerWorkflowImplementationTypes(TrainingRunImpl.class);
    worker.registerActivitiesImplementations(new NothingCached(), data);
    env.start();
    TrainingRun run = env.getWorkflowClient().newWorkflowStub(TrainingRun.class,
        WorkflowOptions.newBuilder().setTaskQueue(TrainingRun.CPU_QUEUE).build());
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
        () -> run.run(new StageInput("x", "/tmp/x", CONFIG)));
    ActivityFailure activity = assertInstanceOf(ActivityFailure.class, e.getCause());
    assertEquals("PrepareData", activity.getActivityType());
    return assertInstanceOf(ApplicationFailure.class, activity.getCause());
  }

  @Test
  void permanentFailureIsAttemptedOnceAndItsMessageArrivesIntact() {
    FailingData data = new FailingData(n -> PermanentFailure.of(WHY));
    ApplicationFailure f = runFailingWith(data);
    assertEquals(1, data.attempts.get());
    assertEquals(PermanentFailure.TYPE, f.getType());
    assertEquals(WHY, f.getOriginalMessage());
  }

  @Test
  void transientFailureIsRetriedUntilAPermanentOneStopsIt() {
    FailingData data = new FailingData(n -> n < 3
        ? new IllegalStateException("disk busy, attempt " + n) : PermanentFailure.of(WHY));
    ApplicationFailure f = runFailingWith(data);
    assertEquals(3, data.attempts.get(), "two transient failures retried, the permanent one not");
    assertEquals(WHY, f.getOriginalMessage());
  }
}
