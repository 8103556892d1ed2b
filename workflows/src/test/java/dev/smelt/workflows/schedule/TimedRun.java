package dev.smelt.workflows.schedule;

import io.temporal.workflow.Workflow;
import java.time.Duration;

/** A stand-in scheduled run for workflow tests: takes {@code length} of workflow time and completes. */
public final class TimedRun implements ScheduledRun {
  private final Duration length;

  public TimedRun(Duration length) {
    this.length = length;
  }

  @Override
  public ScheduledRunResult run(ScheduledRunRequest request) {
    Workflow.sleep(length);
    return new ScheduledRunResult(request.schedule() + "-" + Workflow.currentTimeMillis(),
        RunOutcome.COMPLETED, "changed");
  }
}
