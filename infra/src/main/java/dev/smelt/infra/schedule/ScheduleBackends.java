package dev.smelt.infra.schedule;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;

/** Picks the backend a server supports: one ListSchedules call tells them apart. */
public final class ScheduleBackends {
  private ScheduleBackends() {}

  /**
   * Temporal Schedules where the server has them; Smelt's scheduler workflow where the call is
   * UNIMPLEMENTED (Temporal's Java test server, which `smelt server` and `smelt run` start).
   */
  public static ScheduleBackend forServer(WorkflowClient client) {
    try {
      client.getWorkflowServiceStubs().blockingStub()
          .listSchedules(new ScheduleRequests(client.getOptions().getNamespace())
              .list(com.google.protobuf.ByteString.EMPTY).toBuilder().setMaximumPageSize(1).build());
      return new TemporalSchedules(client);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return new WorkflowSchedules(client);
      }
      throw e;
    }
  }
}
