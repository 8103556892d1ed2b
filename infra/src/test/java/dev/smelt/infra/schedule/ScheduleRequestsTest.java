package dev.smelt.infra.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Durations;
import dev.smelt.workflows.schedule.FireSpec;
import dev.smelt.workflows.schedule.Overlap;
import dev.smelt.workflows.schedule.ScheduleDefinition;
import dev.smelt.workflows.schedule.ScheduledRunRequest;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.schedule.v1.Schedule;
import io.temporal.api.workflow.v1.NewWorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CreateScheduleRequest;
import io.temporal.api.workflowservice.v1.PatchScheduleRequest;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The Temporal Schedules requests, field by field, as a real cluster would receive them. */
class ScheduleRequestsTest {
  private static final ScheduleRequests REQUESTS = new ScheduleRequests("prod");
  private static final ScheduleDefinition DAILY = new ScheduleDefinition("nightly", "/cfg/n.yaml",
      FireSpec.every(Duration.ofHours(24)), Overlap.BUFFER_ONE, true);

  private static CreateScheduleRequest create(ScheduleDefinition def) {
    Payloads input = DefaultDataConverter.newDefaultInstance().toPayloads(def.request()).orElseThrow();
    return REQUESTS.create(def, input);
  }

  @Test
  void intervalScheduleStartsAScheduledRunOnTheCpuQueueWithItsRequest() {
    CreateScheduleRequest r = create(DAILY);
    assertEquals("prod", r.getNamespace());
    assertEquals("nightly", r.getScheduleId());
    assertTrue(!r.getRequestId().isBlank(), "a request id makes a retried create idempotent");
    Schedule s = r.getSchedule();
    assertEquals(24 * 3600, s.getSpec().getInterval(0).getInterval().getSeconds());
    assertEquals(0, s.getSpec().getCronStringCount());
    assertEquals("UTC", s.getSpec().getTimezoneName());
    NewWorkflowExecutionInfo start = s.getAction().getStartWorkflow();
    assertEquals("ScheduledRun", start.getWorkflowType().getName());
    assertEquals("smelt-cpu", start.getTaskQueue().getName());
    assertEquals("smelt-scheduled-nightly", start.getWorkflowId());
    ScheduledRunRequest sent = DefaultDataConverter.newDefaultInstance().fromPayloads(0,
        java.util.Optional.of(start.getInput()), ScheduledRunRequest.class, ScheduledRunRequest.class);
    assertEquals(new ScheduledRunRequest("nightly", "/cfg/n.yaml", true), sent);
    assertEquals(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE, s.getPolicies().getOverlapPolicy());
    assertEquals(Duration.ofHours(24).toMillis(), Durations.toMillis(s.getPolicies().getCatchupWindow()));
    assertTrue(!s.getState().getPaused());
  }

  @Test
  void cronScheduleSendsTheCronStringAndADayOfCatchUp() {
    CreateScheduleRequest r = create(new ScheduleDefinition("weekly", "/cfg/w.yaml",
        FireSpec.cron("0 3 * * 1"), Overlap.SKIP, false));
    assertEquals(java.util.List.of("0 3 * * 1"), r.getSchedule().getSpec().getCronStringList());
    assertEquals(0, r.getSchedule().getSpec().getIntervalCount());
    assertEquals(Duration.ofHours(24).toMillis(),
        Durations.toMillis(r.getSchedule().getPolicies().getCatchupWindow()));
  }

  @Test
  void catchUpWindowIsNeverUnderTemporalsTenSeconds() {
    assertEquals(Duration.ofSeconds(10), ScheduleRequests.catchupWindow(FireSpec.every(Duration.ofSeconds(2))));
  }

  @ParameterizedTest
  @EnumSource(Overlap.class)
  void everyOverlapPolicyMapsToTheProtoPolicyOfTheSameName(Overlap overlap) {
    assertEquals("SCHEDULE_OVERLAP_POLICY_" + overlap.name(),
        ScheduleRequests.overlapPolicy(overlap).name());
  }

  @Test
  void pauseUnpauseAndTriggerArePatchesOfTheNamedSchedule() {
    PatchScheduleRequest pause = REQUESTS.pause("nightly", "migration");
    assertEquals("nightly", pause.getScheduleId());
    assertEquals("migration", pause.getPatch().getPause());
    assertEquals("later", REQUESTS.unpause("nightly", "later").getPatch().getUnpause());
    PatchScheduleRequest trigger = REQUESTS.trigger("nightly");
    assertTrue(trigger.getPatch().hasTriggerImmediately());
    assertEquals(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_UNSPECIFIED,
        trigger.getPatch().getTriggerImmediately().getOverlapPolicy(), "the schedule's own policy");
    assertEquals("prod", REQUESTS.delete("nightly").getNamespace());
    assertEquals("nightly", REQUESTS.describe("nightly").getScheduleId());
  }
}
