package dev.smelt.infra.schedule;

import com.google.protobuf.util.Durations;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.schedule.FireSpec;
import dev.smelt.workflows.schedule.Overlap;
import dev.smelt.workflows.schedule.ScheduleDefinition;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.schedule.v1.IntervalSpec;
import io.temporal.api.schedule.v1.Schedule;
import io.temporal.api.schedule.v1.ScheduleAction;
import io.temporal.api.schedule.v1.SchedulePatch;
import io.temporal.api.schedule.v1.SchedulePolicies;
import io.temporal.api.schedule.v1.ScheduleSpec;
import io.temporal.api.schedule.v1.ScheduleState;
import io.temporal.api.schedule.v1.TriggerImmediatelyRequest;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflow.v1.NewWorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CreateScheduleRequest;
import io.temporal.api.workflowservice.v1.DeleteScheduleRequest;
import io.temporal.api.workflowservice.v1.DescribeScheduleRequest;
import io.temporal.api.workflowservice.v1.ListSchedulesRequest;
import io.temporal.api.workflowservice.v1.PatchScheduleRequest;
import java.time.Duration;
import java.util.UUID;

/**
 * The Temporal Schedules API requests of `smelt schedule`, built as protos so a test reads every
 * field a real cluster would get. Each fire starts a ScheduledRun workflow on the CPU queue.
 */
public final class ScheduleRequests {
  static final String IDENTITY = "smelt-cli";
  /** A cron fire missed by up to this long (a server down overnight) is still taken. */
  static final Duration CRON_CATCHUP = Duration.ofHours(24);
  /** Temporal refuses a catch-up window under 10 s (its SchedulePolicies documentation). */
  static final Duration MIN_CATCHUP = Duration.ofSeconds(10);

  private final String namespace;

  public ScheduleRequests(String namespace) {
    this.namespace = namespace;
  }

  /** Creates schedule {@code def.name()}; {@code input} is the ScheduledRunRequest, converted. */
  public CreateScheduleRequest create(ScheduleDefinition def, Payloads input) {
    Schedule schedule = Schedule.newBuilder()
        .setSpec(spec(def.spec()))
        .setAction(ScheduleAction.newBuilder().setStartWorkflow(NewWorkflowExecutionInfo.newBuilder()
            .setWorkflowId("smelt-scheduled-" + def.name()) // the server appends the fire time
            .setWorkflowType(WorkflowType.newBuilder().setName("ScheduledRun"))
            .setTaskQueue(TaskQueue.newBuilder().setName(TrainingRun.CPU_QUEUE))
            .setInput(input)))
        .setPolicies(SchedulePolicies.newBuilder()
            .setOverlapPolicy(overlapPolicy(def.overlap()))
            .setCatchupWindow(Durations.fromMillis(catchupWindow(def.spec()).toMillis())))
        .setState(ScheduleState.newBuilder().setNotes("created by smelt schedule create"))
        .build();
    return CreateScheduleRequest.newBuilder()
        .setNamespace(namespace)
        .setScheduleId(def.name())
        .setSchedule(schedule)
        .setIdentity(IDENTITY)
        .setRequestId(UUID.randomUUID().toString())
        .build();
  }

  static ScheduleSpec spec(FireSpec spec) {
    ScheduleSpec.Builder b = ScheduleSpec.newBuilder().setTimezoneName("UTC");
    if (spec.every() != null) {
      b.addInterval(IntervalSpec.newBuilder().setInterval(Durations.fromMillis(spec.every().toMillis())));
    } else {
      b.addCronString(spec.cron());
    }
    return b.build();
  }

  /** One interval (a cron: a day), so a fire missed while the server was down is taken once. */
  static Duration catchupWindow(FireSpec spec) {
    Duration window = spec.every() != null ? spec.every() : CRON_CATCHUP;
    return window.compareTo(MIN_CATCHUP) < 0 ? MIN_CATCHUP : window;
  }

  static ScheduleOverlapPolicy overlapPolicy(Overlap overlap) {
    return switch (overlap) {
      case SKIP -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP;
      case BUFFER_ONE -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE;
      case BUFFER_ALL -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL;
      case CANCEL_OTHER -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER;
      case TERMINATE_OTHER -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER;
      case ALLOW_ALL -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL;
    };
  }

  public PatchScheduleRequest pause(String name, String note) {
    return patch(name, SchedulePatch.newBuilder().setPause(note));
  }

  public PatchScheduleRequest unpause(String name, String note) {
    return patch(name, SchedulePatch.newBuilder().setUnpause(note));
  }

  /** Fires now under the schedule's own overlap policy (UNSPECIFIED means exactly that). */
  public PatchScheduleRequest trigger(String name) {
    return patch(name, SchedulePatch.newBuilder().setTriggerImmediately(
        TriggerImmediatelyRequest.newBuilder()
            .setOverlapPolicy(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_UNSPECIFIED)));
  }

  private PatchScheduleRequest patch(String name, SchedulePatch.Builder patch) {
    return PatchScheduleRequest.newBuilder()
        .setNamespace(namespace)
        .setScheduleId(name)
        .setPatch(patch)
        .setIdentity(IDENTITY)
        .setRequestId(UUID.randomUUID().toString())
        .build();
  }

  public DeleteScheduleRequest delete(String name) {
    return DeleteScheduleRequest.newBuilder().setNamespace(namespace).setScheduleId(name)
        .setIdentity(IDENTITY).build();
  }

  public DescribeScheduleRequest describe(String name) {
    return DescribeScheduleRequest.newBuilder().setNamespace(namespace).setScheduleId(name).build();
  }

  public ListSchedulesRequest list(com.google.protobuf.ByteString pageToken) {
    return ListSchedulesRequest.newBuilder().setNamespace(namespace).setMaximumPageSize(100)
        .setNextPageToken(pageToken).build();
  }
}
