package dev.smelt.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smelt.settings.RunConfig;
import dev.smelt.settings.StallMinutes;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage attempt that stops making progress fails after its stallMinutes and Temporal retries
 * it: the heartbeat timeout is far longer, so only the stall rule can end the first attempt.
 */
@Timeout(180)
class StageStallRetryTest {
  private static final String QUEUE = "stall-test";

  @TempDir Path runs;

  @ActivityInterface
  public interface Evaluate {
    @ActivityMethod
    String evaluate(StageInput in);
  }

  @WorkflowInterface
  public interface Run {
    @WorkflowMethod
    String run(StageInput in);
  }

  public static class RunImpl implements Run {
    private final Evaluate stage = Workflow.newActivityStub(Evaluate.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(5))
            .setHeartbeatTimeout(Duration.ofMinutes(2))
            .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100))
                .setMaximumAttempts(3).build())
            .build());

    @Override
    public String run(StageInput in) {
      return stage.evaluate(in);
    }
  }

  /** The first attempt reports one step, then hangs; the second finishes. */
  static class HangsOnce implements Evaluate {
    final Path runsRoot;
    final List<String> attempts = new CopyOnWriteArrayList<>();

    HangsOnce(Path runsRoot) {
      this.runsRoot = runsRoot;
    }

    @Override
    public String evaluate(StageInput in) {
      return StageShell.run(Stage.EVALUATE, in, runsRoot, ctx -> {
        if (ctx.previous().isPresent()) {
          attempts.add("retry after " + ctx.previous().get().done() + " step");
          return "done";
        }
        attempts.add("first");
        ctx.progress().accept(Stage.EVALUATE.progress(1, 2));
        try {
          new CountDownLatch(1).await(); // a metric that never returns
        } catch (InterruptedException e) {
          throw new InterruptedIOException("metric interrupted");
        }
        return "unreachable";
      });
    }
  }

  @Test
  void aStalledAttemptFailsAndItsRetryFinishes() {
    RunConfig config = new RunConfig("stall", 1, null, null, null, null, null, null,
        new StallMinutes(0, 0, 0, 0, 0, 0.01, 0));
    HangsOnce activity = new HangsOnce(runs);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(RunImpl.class);
      worker.registerActivitiesImplementations(activity);
      env.start();
      Run run = env.getWorkflowClient().newWorkflowStub(Run.class,
          WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build());
      String out = run.run(new StageInput("r1", runs.resolve("r1").toString(), config));
      assertEquals("done", out);
    }
    assertEquals(List.of("first", "retry after 1 step"), activity.attempts);
  }
}
