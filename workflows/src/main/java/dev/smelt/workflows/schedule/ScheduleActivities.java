package dev.smelt.workflows.schedule;

import dev.smelt.workflows.stage.StageInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What a scheduled run asks of a worker; implemented in activities, beside the run folders. */
@ActivityInterface
public interface ScheduleActivities {
  /**
   * Should this fire start a run? The seam for stage fingerprints: today a hash of the config
   * file and its inputs' (path, size, mtime), compared with the last good run's.
   */
  @ActivityMethod(name = "ScheduleDecide")
  RunDecision decide(ScheduledRunRequest request);

  /** Loads the config and makes the run folder {@code runId} with its config.yaml. */
  @ActivityMethod(name = "SchedulePrepareRun")
  StageInput prepare(ScheduledRunRequest request, String runId);

  /** Remembers that {@code runId}, reading {@code fingerprint}, succeeded. */
  @ActivityMethod(name = "ScheduleRecordSuccess")
  void recordSuccess(String schedule, String runId, String fingerprint);

  /** Terminates a running workflow (overlap policy terminate-other). */
  @ActivityMethod(name = "ScheduleTerminate")
  void terminate(String workflowId, String reason);
}
