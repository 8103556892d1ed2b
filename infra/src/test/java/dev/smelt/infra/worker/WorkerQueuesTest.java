package dev.smelt.infra.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.settings.WorkerQueue;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `smelt worker --queues cpu,gpu` polls both task queues, and smelt-gpu serves the training
 * stages' real activities only: a pre-training task sent there is answered (by the activity's
 * refusal of a folder outside the runs root), a data task finds no such activity there.
 */
@Timeout(120)
class WorkerQueuesTest {
  @TempDir Path runs;

  /** Sends one stage activity to a task queue and returns how it ended, in a line. */
  @WorkflowInterface
  public interface Probe {
    @WorkflowMethod
    String send(String stage, String taskQueue);
  }

  public static class ProbeImpl implements Probe {
    @Override
    public String send(String stage, String taskQueue) {
      ActivityOptions options = ActivityOptions.newBuilder()
          .setTaskQueue(taskQueue)
          .setScheduleToStartTimeout(Duration.ofSeconds(5))
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();
      StageInput hostile = new StageInput("x", "/outside/x", null);
      try {
        if (stage.equals("pretrain")) {
          Workflow.newActivityStub(StageActivities.Pretrain.class, options).pretrain(hostile);
        } else {
          Workflow.newActivityStub(StageActivities.Data.class, options).prepare(hostile);
        }
        return "completed";
      } catch (ActivityFailure e) {
        return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
      }
    }
  }

  @Test
  void queuesCpuAndGpuPollsBothAndGpuServesOnlyTheTrainingStages() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      env.newWorker("probe").registerWorkflowImplementationTypes(ProbeImpl.class);
      env.start();
      try (SmeltWorker worker = SmeltWorker.start(env.getWorkflowClient(),
          EnumSet.of(WorkerQueue.GPU, WorkerQueue.CPU), 1, runs)) {
        assertEquals(List.of("smelt-cpu", "smelt-gpu"), worker.taskQueues());
        String pretrain = probe(env).send("pretrain", "smelt-gpu");
        assertTrue(pretrain.contains("refusing run folder '/outside/x'"), pretrain);
        String data = probe(env).send("data", "smelt-gpu");
        assertTrue(data.contains("Activity Type \"PrepareData\" is not registered with a worker."
            + " Known types are: Pretrain, Finetune, Baselines"), data);
        String dataOnCpu = probe(env).send("data", "smelt-cpu");
        assertTrue(dataOnCpu.contains("refusing run folder '/outside/x'"), dataOnCpu);
      }
    }
  }

  @Test
  void queuesGpuAlonePollsOnlySmeltGpu() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
        SmeltWorker worker = SmeltWorker.start(env.getWorkflowClient(),
            EnumSet.of(WorkerQueue.GPU), 1, runs)) {
      assertEquals(List.of("smelt-gpu"), worker.taskQueues());
    }
  }

  private static Probe probe(TestWorkflowEnvironment env) {
    return env.getWorkflowClient().newWorkflowStub(Probe.class,
        WorkflowOptions.newBuilder().setTaskQueue("probe").build());
  }
}
