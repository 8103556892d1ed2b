package dev.smelt.workflows.schedule;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One fire of a schedule: decide, prepare the run folder, run a TrainingRun as a child, remember a
 * success. Temporal Schedules start it on a cluster; {@link RetrainSchedule} on the embedded server.
 */
@WorkflowInterface
public interface ScheduledRun {
  @WorkflowMethod(name = "ScheduledRun")
  ScheduledRunResult run(ScheduledRunRequest request);
}
