package dev.smelt.infra.progress;

import dev.smelt.workflows.run.RunStatus;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.stage.TrainingProgress;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Shows a running workflow's progress: the stage from the workflow's status query, the numbers
 * from its pending activity's last heartbeat (DescribeWorkflowExecution), so it works for any
 * worker anywhere. On a terminal it redraws one line per stage; elsewhere it prints a line every
 * few seconds.
 */
public final class RunWatcher {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

  private final WorkflowClient client;
  private final PrintStream out;
  private final boolean terminal;

  public RunWatcher(WorkflowClient client, PrintStream out, boolean terminal) {
    this.client = client;
    this.out = out;
    this.terminal = terminal;
  }

  /** Watches until {@code result} completes, then returns its value (or throws its failure). */
  public <T> T watch(String workflowId, CompletableFuture<T> result) throws ExecutionException {
    String stage = null;
    long stageStart = System.nanoTime();
    long lastPrint = 0;
    String lastLine = "";
    RateMeter rate = new RateMeter();
    String unit = null;
    int cachedShown = 0;
    while (true) {
      try {
        T value = result.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (terminal && stage != null) {
          out.println();
        }
        return value;
      } catch (TimeoutException stillRunning) {
        // fall through and draw
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ExecutionException(e);
      }
      StageSnapshot snap = snapshot(workflowId);
      if (snap == null) {
        continue;
      }
      if (!snap.stage().equals(stage)) {
        if (terminal && stage != null) {
          out.println();
        }
        for (String c : snap.cached().subList(Math.min(cachedShown, snap.cached().size()),
            snap.cached().size())) {
          out.println("smelt: " + c + " cached (inputs, config section and code unchanged)");
        }
        cachedShown = snap.cached().size();
        stage = snap.stage();
        stageStart = System.nanoTime();
        rate = new RateMeter();
        lastPrint = 0;
      }
      TrainingProgress hb = snap.heartbeat();
      if (hb != null && !java.util.Objects.equals(hb.unit(), unit)) { // the data stage: units, then documents
        unit = hb.unit();
        rate = new RateMeter();
      }
      double r = hb == null ? Double.NaN : rate.update(hb.done(), System.nanoTime());
      String line = ProgressLine.render(snap, Duration.ofNanos(System.nanoTime() - stageStart), r);
      if (terminal) {
        out.print("\r" + line + (line.length() < lastLine.length()
            ? " ".repeat(lastLine.length() - line.length()) : ""));
        out.flush();
      } else if (System.nanoTime() - lastPrint > PLAIN_EVERY.toNanos()) {
        out.println(line);
        lastPrint = System.nanoTime();
      }
      lastLine = line;
    }
  }

  /** One look at the run; null while the workflow has not answered yet. */
  public StageSnapshot snapshot(String workflowId) {
    RunStatus status;
    try {
      status = client.newWorkflowStub(TrainingRun.class, workflowId).status();
    } catch (RuntimeException notReady) {
      return null;
    }
    TrainingProgress heartbeat = null;
    int attempt = 1;
    String failure = null;
    String state = status.state();
    try {
      DescribeWorkflowExecutionResponse d =
          client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                  .build());
      WorkflowExecutionStatus ended = d.getWorkflowExecutionInfo().getStatus();
      if (ended != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          && ended != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED) {
        state = ended(ended);
      }
      for (PendingActivityInfo a : d.getPendingActivitiesList()) {
        attempt = a.getAttempt();
        if (a.hasLastFailure()) {
          failure = a.getLastFailure().getMessage();
        }
        if (a.hasHeartbeatDetails()) {
          heartbeat = DataConverter.getDefaultInstance().fromPayloads(
              0, Optional.of(a.getHeartbeatDetails()), TrainingProgress.class,
              TrainingProgress.class);
        }
      }
    } catch (RuntimeException describeUnavailable) {
      // a server without DescribeWorkflowExecution still gets stage-level progress
    }
    return new StageSnapshot(status.current(), status.completed(), status.stages().size(),
        heartbeat, attempt, failure, status.cached(), state);
  }

  /** "completed", "cancelled", "failed", "terminated", "timed_out", "continued_as_new". */
  private static String ended(WorkflowExecutionStatus s) {
    String name = s.name().substring("WORKFLOW_EXECUTION_STATUS_".length()).toLowerCase(Locale.ROOT);
    return "canceled".equals(name) ? "cancelled" : name;
  }

  /** Units per second over a sliding window of the last observations. */
  private static final class RateMeter {
    private long firstDone = -1;
    private long firstAt;
    private long lastDone;
    private long lastAt;

    double update(long done, long now) {
      if (firstDone < 0 || done < lastDone) {
        firstDone = done;
        firstAt = now;
      }
      lastDone = done;
      lastAt = now;
      double seconds = (lastAt - firstAt) / 1e9;
      return seconds < 1 || lastDone == firstDone ? Double.NaN : (lastDone - firstDone) / seconds;
    }
  }
}
