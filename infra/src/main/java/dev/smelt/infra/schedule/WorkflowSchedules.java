package dev.smelt.infra.schedule;

import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.schedule.FireRecord;
import dev.smelt.workflows.schedule.RetrainSchedule;
import dev.smelt.workflows.schedule.ScheduleDefinition;
import dev.smelt.workflows.schedule.ScheduleRegistry;
import dev.smelt.workflows.schedule.ScheduleState;
import dev.smelt.workflows.schedule.ScheduleTally;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.List;

/** Schedules as {@link RetrainSchedule} workflows, for the embedded server. */
public final class WorkflowSchedules implements ScheduleBackend {
  private final WorkflowClient client;

  public WorkflowSchedules(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void create(ScheduleDefinition definition) {
    RetrainSchedule schedule = client.newWorkflowStub(RetrainSchedule.class, WorkflowOptions.newBuilder()
        .setWorkflowId(RetrainSchedule.workflowId(definition.name()))
        .setTaskQueue(TrainingRun.CPU_QUEUE)
        // a deleted schedule's name may be used again; a running one's may not
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build());
    try {
      WorkflowClient.start(schedule::run, ScheduleState.created(definition));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new IllegalStateException("a schedule named '" + definition.name() + "' exists already");
    }
    registry(true, definition.name());
  }

  @Override
  public List<String> list() {
    try {
      return client.newWorkflowStub(ScheduleRegistry.class, ScheduleRegistry.WORKFLOW_ID).names();
    } catch (WorkflowNotFoundException e) {
      return List.of();
    }
  }

  @Override
  public ScheduleView describe(String name) {
    ScheduleState s = running(name).describe();
    ScheduleTally t = s.tally();
    return new ScheduleView(name, "Smelt scheduler workflow", s.definition().spec().describe(),
        s.definition().overlap().flag() + (s.definition().always() ? ", --always" : ""), s.paused(),
        s.note(), List.of(s.nextFire()), counts(t), s.recent().stream().map(WorkflowSchedules::line).toList(),
        s.running());
  }

  static String counts(ScheduleTally t) {
    return "fires " + t.fires() + ", started " + t.started() + ", skipped "
        + (t.skippedOverlap() + t.skippedUnchanged()) + " (overlap " + t.skippedOverlap()
        + ", unchanged " + t.skippedUnchanged() + "), failed " + t.failed();
  }

  private static String line(FireRecord f) {
    return "#" + f.number() + " " + f.scheduledAt() + " " + f.cause().name().toLowerCase()
        + " " + f.outcome().name().toLowerCase() + (f.runId() == null ? "" : " run " + f.runId())
        + (f.reason() == null || f.reason().isBlank() ? "" : ": " + f.reason());
  }

  @Override
  public void pause(String name, String note) {
    running(name).pause(note);
  }

  @Override
  public void unpause(String name, String note) {
    running(name).unpause(note);
  }

  @Override
  public void trigger(String name) {
    running(name).trigger();
  }

  @Override
  public void delete(String name) {
    running(name).delete();
    registry(false, name);
  }

  /** The schedule's workflow, when it runs; else it does not exist (or was deleted). */
  private RetrainSchedule running(String name) {
    String id = RetrainSchedule.workflowId(name);
    try {
      WorkflowExecutionStatus status = client.newUntypedWorkflowStub(id).describe().getStatus();
      if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        throw new ScheduleNotFoundException(name);
      }
    } catch (WorkflowNotFoundException e) {
      throw new ScheduleNotFoundException(name);
    }
    return client.newWorkflowStub(RetrainSchedule.class, id);
  }

  /** Adds {@code name} to the registry or removes it, starting the registry on first use. */
  private void registry(boolean add, String name) {
    ScheduleRegistry registry = client.newWorkflowStub(ScheduleRegistry.class, WorkflowOptions.newBuilder()
        .setWorkflowId(ScheduleRegistry.WORKFLOW_ID)
        .setTaskQueue(TrainingRun.CPU_QUEUE)
        .build());
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(registry::run, List.<String>of());
    if (add) {
      batch.add(registry::add, name);
    } else {
      batch.add(registry::remove, name);
    }
    client.signalWithStart(batch);
  }
}
