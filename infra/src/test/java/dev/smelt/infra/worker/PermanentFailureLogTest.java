package dev.smelt.infra.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.settings.PretrainConfig;
import dev.smelt.settings.WorkerQueue;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.run.TrainingRunImpl;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageCache;
import dev.smelt.workflows.stage.StageCheck;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.StageOutputHash;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worker logs a permanent failure as one line tagged {@code [RUN/stage]}: no stack trace, no line
 * per attempt.
 */
class PermanentFailureLogTest {
  private static final RunConfig CONFIG = new RunConfig("x", 1, null, null, null,
      new PretrainConfig("causal", 1, 1, 1e-3, 0, 0, 0, 0, 1, 0, 0, 1, 8, 1, 0, 0, 0, 0, 0.15,
          "cpu", WorkerQueue.CPU, PretrainConfig.NO_INIT), null, null);

  @Test
  void permanentFailureOfAnActivityIsOneWarningLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setWorkerFactoryOptions(WorkerFactoryOptions
            .newBuilder().setWorkerInterceptors(new PermanentFailureLog()).build()).build())) {
      Worker worker = env.newWorker(TrainingRun.CPU_QUEUE);
      worker.registerWorkflowImplementationTypes(TrainingRunImpl.class);
      worker.registerActivitiesImplementations(new NothingCached(),
          (StageActivities.Data) in -> {
        throw PermanentFailure.of("nothing is left to train a tokenizer on");
      });
      env.start();
      TrainingRun run = env.getWorkflowClient().newWorkflowStub(TrainingRun.class,
          WorkflowOptions.newBuilder().setWorkflowId("smelt-x").setTaskQueue(TrainingRun.CPU_QUEUE)
              .build());
      assertThrows(WorkflowFailedException.class, () -> run.run(new StageInput("x", "/tmp/x",
          CONFIG)));
    } finally {
      System.setErr(old);
    }
    // Only lines about this failure: a slow first workflow task may log an unrelated warning.
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("PrepareData") || l.contains("ApplicationFailure")
            || l.contains(PermanentFailure.TYPE) || l.contains("nothing is left"))
        .toList();
    assertEquals(1, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains("WARN") && lines.get(0).contains("[x/data] ")
        && lines.get(0).contains("smelt-x: activity "
        + "PrepareData failed permanently (attempt 1, not retried): nothing is left to train a "
        + "tokenizer on"), lines.get(0));
  }

  /** A stage cache with nothing finished: the data stage runs (and fails). */
  static final class NothingCached implements StageCache {
    @Override
    public StageCheck open(StageInput input, Stage stage, List<StageOutputHash> upstream) {
      return new StageCheck(stage, "f", false, "");
    }

    @Override
    public Object cachedResult(StageInput input, Stage stage) {
      throw new AssertionError("nothing is cached");
    }

    @Override
    public String finish(StageInput input, StageCheck check, Object result) {
      return "h";
    }
  }
}
