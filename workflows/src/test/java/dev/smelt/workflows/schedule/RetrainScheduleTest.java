package dev.smelt.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.workflows.run.TrainingRun;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler workflow over simulated weeks (time-skipping test server), with each scheduled
 * run stood in for by a child that only takes its time: counts of runs started and skipped.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a stuck workflow task fails the class, never hangs the build
class RetrainScheduleTest {
  private static final Duration DAY = Duration.ofDays(1);
  /** Fires of a daily schedule fall at midnight UTC, half a day after the start. */
  private static final java.time.Instant NOON = java.time.Instant.parse("2026-12-01T12:00:00Z");

  private TestWorkflowEnvironment env;

  /** A scheduled run that finds nothing changed. */
  public static final class UnchangedRun implements ScheduledRun {
    @Override
    public ScheduledRunResult run(ScheduledRunRequest request) {
      return new ScheduledRunResult(null, RunOutcome.SKIPPED_UNCHANGED, "unchanged since run x");
    }
  }

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
  }

  private RetrainSchedule start(Duration every, Overlap overlap, Class<? extends ScheduledRun> kind,
      Duration runLength) {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(NOON).build());
    Worker worker = env.newWorker(TrainingRun.CPU_QUEUE,
        WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build());
    worker.registerWorkflowImplementationTypes(RetrainScheduleImpl.class);
    worker.registerActivitiesImplementations(new TerminatingActivities());
    if (kind == TimedRun.class) {
      worker.registerWorkflowImplementationFactory(ScheduledRun.class, () -> new TimedRun(runLength));
    } else {
      worker.registerWorkflowImplementationTypes(kind);
    }
    env.start();
    ScheduleDefinition def = new ScheduleDefinition("weekly", "/cfg/demo.yaml",
        FireSpec.every(every), overlap, false);
    RetrainSchedule schedule = env.getWorkflowClient().newWorkflowStub(RetrainSchedule.class,
        WorkflowOptions.newBuilder().setWorkflowId(RetrainSchedule.workflowId("weekly"))
            .setTaskQueue(TrainingRun.CPU_QUEUE).build());
    WorkflowClient.start(schedule::run, ScheduleState.created(def));
    return schedule;
  }

  @Test
  void everyDayForThreeWeeksStartsTwentyOneRuns() {
    RetrainSchedule schedule = start(DAY, Overlap.SKIP, TimedRun.class, Duration.ofHours(2));
    env.sleep(Duration.ofDays(21));
    ScheduleState s = schedule.describe();
    assertEquals(21, s.tally().fires());
    assertEquals(21, s.tally().started());
    assertEquals(0, s.tally().skippedOverlap());
    assertTrue(s.recent().stream().allMatch(f -> f.outcome() == RunOutcome.COMPLETED), s.toString());
  }

  @Test
  void skipPolicyDropsEveryFireThatMeetsARunStillGoing() {
    // Runs of 36 h on a daily schedule: every other fire meets the one before it.
    RetrainSchedule schedule = start(DAY, Overlap.SKIP, TimedRun.class, Duration.ofHours(36));
    env.sleep(Duration.ofDays(21));
    ScheduleState s = schedule.describe();
    assertEquals(21, s.tally().fires());
    assertEquals(10, s.tally().skippedOverlap());
    assertEquals(11, s.tally().started() + s.running().size());
    assertEquals(1, s.running().size(), "the 21st fire's run is still going");
  }

  @Test
  void bufferOneKeepsOneWaitingFireAndSkipsTheRest() {
    // Runs of 3.5 days on a daily schedule over a week: fire 1 runs, 2 waits, 3 and 4 are
    // skipped, 2 starts at day 4.5, 5 waits, 6 and 7 are skipped.
    RetrainSchedule schedule = start(DAY, Overlap.BUFFER_ONE, TimedRun.class, Duration.ofHours(84));
    env.sleep(Duration.ofDays(7));
    ScheduleState s = schedule.describe();
    assertEquals(7, s.tally().fires());
    assertEquals(4, s.tally().skippedOverlap());
    assertEquals(1, s.tally().started(), "fire 1 ended; fire 2 is running");
    assertEquals(List.of("smelt-scheduled-weekly-2"), s.running());
    assertEquals(RunOutcome.BUFFERED, s.recent().get(4).outcome());
  }

  @Test
  void bufferAllRunsEveryFireOneAfterAnother() {
    RetrainSchedule schedule = start(DAY, Overlap.BUFFER_ALL, TimedRun.class, Duration.ofHours(36));
    env.sleep(Duration.ofDays(6));
    ScheduleState s = schedule.describe();
    assertEquals(6, s.tally().fires());
    assertEquals(0, s.tally().skippedOverlap());
    // Back to back from day 1: 36 h each, so by day 6 three have ended and the fourth runs.
    assertEquals(3, s.tally().started());
    assertEquals(List.of("smelt-scheduled-weekly-4"), s.running());
  }

  @Test
  void cancelOtherCancelsTheRunningRunAndStartsTheNewOneAfterIt() throws InterruptedException {
    // Fired by triggers, with no timer near: the test server skips time while a cancellation
    // travels, so a daily fire could overtake it on a busy machine.
    RetrainSchedule schedule = start(Duration.ofDays(1000), Overlap.CANCEL_OTHER, TimedRun.class,
        Duration.ofHours(84));
    schedule.trigger();
    env.sleep(Duration.ofHours(1));
    schedule.trigger();
    ScheduleState s = awaitState(schedule, st -> st.running().equals(List.of("smelt-scheduled-weekly-2")));
    assertEquals(RunOutcome.CANCELLED, s.recent().get(0).outcome(), s.toString());
    assertEquals(RunOutcome.RUNNING, s.recent().get(1).outcome(), s.toString());
    assertTrue(!startTime("smelt-scheduled-weekly-2").isBefore(closeTime("smelt-scheduled-weekly-1")),
        "the new run starts only once the cancelled one has ended");
  }

  /** Polls describe (simulated time stands still meanwhile) until {@code done}; at most 60 s. */
  private static ScheduleState awaitState(RetrainSchedule schedule,
      java.util.function.Predicate<ScheduleState> done) throws InterruptedException {
    ScheduleState s = schedule.describe();
    for (int i = 0; i < 600 && !done.test(s); i++) {
      Thread.sleep(100);
      s = schedule.describe();
    }
    return s;
  }

  private java.time.Instant startTime(String workflowId) {
    return java.time.Instant.ofEpochSecond(describe(workflowId).getStartTime().getSeconds());
  }

  private java.time.Instant closeTime(String workflowId) {
    return java.time.Instant.ofEpochSecond(describe(workflowId).getCloseTime().getSeconds());
  }

  @Test
  void allowAllStartsEveryFireBesideTheRunningOnes() {
    RetrainSchedule schedule = start(DAY, Overlap.ALLOW_ALL, TimedRun.class, Duration.ofHours(84));
    env.sleep(Duration.ofDays(3));
    assertEquals(3, schedule.describe().running().size());
  }

  @Test
  void unchangedRunsAreCountedAsSkippedWithTheirReason() {
    RetrainSchedule schedule = start(DAY, Overlap.SKIP, UnchangedRun.class, Duration.ZERO);
    env.sleep(Duration.ofDays(7));
    ScheduleState s = schedule.describe();
    assertEquals(7, s.tally().skippedUnchanged());
    assertEquals(0, s.tally().started());
    assertEquals("unchanged since run x", s.recent().get(6).reason());
  }

  @Test
  void pausedScheduleFiresOnlyWhenTriggeredAndResumesOnUnpause() {
    RetrainSchedule schedule = start(DAY, Overlap.SKIP, TimedRun.class, Duration.ofHours(1));
    schedule.pause("data migration");
    env.sleep(Duration.ofDays(3));
    assertEquals(0, schedule.describe().tally().fires());
    assertEquals("data migration", schedule.describe().note());
    schedule.trigger();
    env.sleep(Duration.ofHours(2));
    ScheduleState triggered = schedule.describe();
    assertEquals(1, triggered.tally().started());
    assertEquals(FireCause.TRIGGER, triggered.recent().get(0).cause());
    schedule.unpause("");
    env.sleep(Duration.ofDays(2));
    assertEquals(3, schedule.describe().tally().fires());
  }

  @Test
  void deleteEndsTheScheduleWorkflow() {
    RetrainSchedule schedule = start(DAY, Overlap.SKIP, TimedRun.class, Duration.ofHours(1));
    schedule.delete();
    WorkflowStub.fromTyped(schedule).getResult(Void.class); // returns once the workflow completed
    assertEquals(io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
        latestRun().getWorkflowExecutionInfo().getStatus());
  }

  @Test
  void terminateOtherEndsTheRunningRunAndStartsTheNewOneAtOnce() {
    RetrainSchedule schedule = start(DAY, Overlap.TERMINATE_OTHER, TimedRun.class, Duration.ofHours(84));
    env.sleep(Duration.ofDays(2));
    ScheduleState s = schedule.describe();
    assertEquals(RunOutcome.CANCELLED, s.recent().get(0).outcome(), s.toString());
    assertEquals(List.of("smelt-scheduled-weekly-2"), s.running());
  }

  private io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse latestRun() {
    return describeResponse(RetrainSchedule.workflowId("weekly"));
  }

  private io.temporal.api.workflow.v1.WorkflowExecutionInfo describe(String workflowId) {
    return describeResponse(workflowId).getWorkflowExecutionInfo();
  }

  private io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse describeResponse(
      String workflowId) {
    return env.getWorkflowClient().getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(env.getNamespace())
            .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                .setWorkflowId(workflowId))
            .build());
  }

  /** Only terminate is reached by the scheduler itself; it ends the run through the test client. */
  private final class TerminatingActivities implements ScheduleActivities {
    @Override
    public RunDecision decide(ScheduledRunRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public dev.smelt.workflows.stage.StageInput prepare(ScheduledRunRequest request, String runId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void recordSuccess(String schedule, String runId, String fingerprint) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void terminate(String workflowId, String reason) {
      try {
        env.getWorkflowClient().newUntypedWorkflowStub(workflowId).terminate(reason);
      } catch (io.temporal.client.WorkflowNotFoundException ended) {
        // the test server answers "Completed workflow" to a terminate it has just carried out
      }
    }
  }

  @Test
  void continuesAsNewAndKeepsItsCountsAndNewestFires() {
    RetrainSchedule schedule = start(Duration.ofHours(1), Overlap.SKIP, TimedRun.class,
        Duration.ofMinutes(10));
    String firstRun = latestRun().getWorkflowExecutionInfo().getExecution().getRunId();
    env.sleep(Duration.ofHours(250).plusMinutes(30));
    ScheduleState s = schedule.describe();
    assertEquals(250, s.tally().fires());
    assertEquals(250, s.tally().started());
    assertEquals(RetrainScheduleImpl.RECENT_KEPT, s.recent().size());
    assertEquals(250, s.recent().get(RetrainScheduleImpl.RECENT_KEPT - 1).number());
    assertTrue(!firstRun.equals(latestRun().getWorkflowExecutionInfo().getExecution().getRunId()),
        "250 fires are more than one run's " + RetrainScheduleImpl.FIRES_BEFORE_CONTINUE_AS_NEW);
  }
}
