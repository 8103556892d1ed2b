package dev.smelt.workflows.schedule;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A schedule on a server without Temporal Schedules (the embedded test server): durable timers
 * fire {@link ScheduledRun} children under the same overlap policies; one workflow per schedule.
 */
@WorkflowInterface
public interface RetrainSchedule {
  /** The workflow id of schedule {@code name}. */
  static String workflowId(String name) {
    return "smelt-schedule-" + name;
  }

  @WorkflowMethod(name = "RetrainSchedule")
  void run(ScheduleState state);

  /** Stop firing on the spec (triggers still run) until {@link #unpause}. */
  @SignalMethod
  void pause(String note);

  @SignalMethod
  void unpause(String note);

  /** Fire now, under the schedule's overlap policy. */
  @SignalMethod
  void trigger();

  /** End the schedule; runs already started go on. */
  @SignalMethod
  void delete();

  /** The definition, counts, newest fires (started, skipped and why) and runs still going. */
  @QueryMethod
  ScheduleState describe();
}
