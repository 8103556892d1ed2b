package dev.smelt.infra.schedule;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import dev.smelt.workflows.schedule.ScheduleDefinition;
import dev.smelt.workflows.schedule.ScheduledRunResult;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.schedule.v1.ScheduleActionResult;
import io.temporal.api.schedule.v1.ScheduleInfo;
import io.temporal.api.workflowservice.v1.DescribeScheduleResponse;
import io.temporal.api.workflowservice.v1.ListSchedulesResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Schedules as Temporal Schedules, for a real cluster; the requests come from {@link ScheduleRequests}. */
public final class TemporalSchedules implements ScheduleBackend {
  private final WorkflowClient client;
  private final ScheduleRequests requests;

  public TemporalSchedules(WorkflowClient client) {
    this.client = client;
    this.requests = new ScheduleRequests(client.getOptions().getNamespace());
  }

  private WorkflowServiceBlockingStub rpc() {
    return client.getWorkflowServiceStubs().blockingStub();
  }

  @Override
  public void create(ScheduleDefinition definition) {
    Payloads input = client.getOptions().getDataConverter().toPayloads(definition.request())
        .orElseThrow();
    try {
      rpc().createSchedule(requests.create(definition, input));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        throw new IllegalStateException("a schedule named '" + definition.name() + "' exists already");
      }
      throw e;
    }
  }

  @Override
  public List<String> list() {
    List<String> names = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListSchedulesResponse r = rpc().listSchedules(requests.list(page));
      r.getSchedulesList().forEach(s -> names.add(s.getScheduleId()));
      page = r.getNextPageToken();
    } while (!page.isEmpty());
    return names;
  }

  @Override
  public ScheduleView describe(String name) {
    DescribeScheduleResponse d = named(name, () -> rpc().describeSchedule(requests.describe(name)));
    ScheduleInfo info = d.getInfo();
    String spec = d.getSchedule().getSpec().getIntervalCount() > 0
        ? "every " + java.time.Duration.ofSeconds(d.getSchedule().getSpec().getInterval(0).getInterval().getSeconds())
        : "cron " + String.join(" | ", d.getSchedule().getSpec().getCronStringList()) + " (UTC)";
    String counts = "fires " + info.getActionCount() + ", skipped for overlap " + info.getOverlapSkipped()
        + ", missed past the catch-up window " + info.getMissedCatchupWindow();
    return new ScheduleView(name, "Temporal Schedule", spec,
        d.getSchedule().getPolicies().getOverlapPolicy().name()
            .replace("SCHEDULE_OVERLAP_POLICY_", "").toLowerCase().replace('_', '-'),
        d.getSchedule().getState().getPaused(), d.getSchedule().getState().getNotes(),
        info.getFutureActionTimesList().stream().map(t -> Instant.ofEpochMilli(Timestamps.toMillis(t))).toList(),
        counts, info.getRecentActionsList().stream().map(this::line).toList(),
        info.getRunningWorkflowsList().stream().map(w -> w.getWorkflowId()).toList());
  }

  /** One recent action, with the scheduled run's own result (a skip and why) once it has ended. */
  private String line(ScheduleActionResult a) {
    String id = a.getStartWorkflowResult().getWorkflowId();
    String head = Instant.ofEpochMilli(Timestamps.toMillis(a.getScheduleTime())) + " " + id;
    if (a.getStartWorkflowStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      return head + " " + a.getStartWorkflowStatus().name()
          .replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase();
    }
    try {
      ScheduledRunResult r = client.newUntypedWorkflowStub(id,
              Optional.of(a.getStartWorkflowResult().getRunId()), Optional.empty())
          .getResult(5, TimeUnit.SECONDS, ScheduledRunResult.class);
      return head + " " + r.outcome().name().toLowerCase()
          + (r.runId() == null ? "" : " run " + r.runId()) + ": " + r.reason();
    } catch (Exception e) {
      return head + " completed";
    }
  }

  @Override
  public void pause(String name, String note) {
    named(name, () -> rpc().patchSchedule(requests.pause(name, note)));
  }

  @Override
  public void unpause(String name, String note) {
    named(name, () -> rpc().patchSchedule(requests.unpause(name, note)));
  }

  @Override
  public void trigger(String name) {
    named(name, () -> rpc().patchSchedule(requests.trigger(name)));
  }

  @Override
  public void delete(String name) {
    named(name, () -> rpc().deleteSchedule(requests.delete(name)));
  }

  private static <T> T named(String name, Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new ScheduleNotFoundException(name);
      }
      throw e;
    }
  }
}
