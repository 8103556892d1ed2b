package dev.smelt.workflows.schedule;

import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Decide, prepare, train, remember: each step one activity or the TrainingRun child. */
public class ScheduledRunImpl implements ScheduledRun {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final ScheduleActivities activities = Workflow.newActivityStub(ScheduleActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(10)) // hashing a large corpus' file list
          .setRetryOptions(RetryOptions.newBuilder()
              .setMaximumInterval(Duration.ofMinutes(1))
              .setMaximumAttempts(10)
              .setDoNotRetry(IllegalArgumentException.class.getName(),
                  dev.smelt.workflows.stage.PermanentFailure.TYPE)
              .build())
          .build());

  @Override
  public ScheduledRunResult run(ScheduledRunRequest request) {
    RunDecision decision = activities.decide(request);
    if (!decision.start()) {
      Workflow.getMetricsScope().counter("smelt_schedule_runs_skipped").inc(1);
      return new ScheduledRunResult(null, RunOutcome.SKIPPED_UNCHANGED, decision.reason());
    }
    String runId = runId(request.schedule(), Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    try {
      StageInput input = activities.prepare(request, runId);
      TrainingRun child = Workflow.newChildWorkflowStub(TrainingRun.class,
          ChildWorkflowOptions.newBuilder()
              .setWorkflowId(trainingWorkflowId(runId))
              .setTaskQueue(TrainingRun.CPU_QUEUE)
              .build());
      child.run(input);
    } catch (CanceledFailure e) {
      return new ScheduledRunResult(runId, RunOutcome.CANCELLED, "cancelled");
    } catch (ActivityFailure | ChildWorkflowFailure e) {
      if (e.getCause() instanceof CanceledFailure) {
        return new ScheduledRunResult(runId, RunOutcome.CANCELLED, "cancelled");
      }
      // why it started stays readable beside why it failed (describe shows one reason a fire)
      return new ScheduledRunResult(runId, RunOutcome.FAILED,
          decision.reason() + "; failed: " + rootMessage(e));
    }
    activities.recordSuccess(request.schedule(), runId, decision.fingerprint());
    return new ScheduledRunResult(runId, RunOutcome.COMPLETED, decision.reason());
  }

  /** {@code <schedule>-<yyyyMMdd-HHmmss>} in UTC: sortable, one per fire second. */
  static String runId(String schedule, Instant at) {
    return schedule + "-" + RUN_TIME.format(at);
  }

  /** The same workflow id `smelt run` and `smelt submit` give a run, so status and watch find it. */
  static String trainingWorkflowId(String runId) {
    return "smelt-" + runId;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t instanceof io.temporal.failure.TemporalFailure f ? f.getOriginalMessage() : t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.replaceAll("\\s*\\R\\s*", " ");
  }
}
