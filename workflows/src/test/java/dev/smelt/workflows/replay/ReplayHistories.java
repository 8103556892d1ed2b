package dev.smelt.workflows.replay;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.smelt.settings.PretrainConfig;
import dev.smelt.settings.WorkerQueue;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.run.TrainingRunImpl;
import dev.smelt.workflows.schedule.FireSpec;
import dev.smelt.workflows.schedule.Overlap;
import dev.smelt.workflows.schedule.RetrainSchedule;
import dev.smelt.workflows.schedule.RetrainScheduleImpl;
import dev.smelt.workflows.schedule.RunDecision;
import dev.smelt.workflows.schedule.ScheduleActivities;
import dev.smelt.workflows.schedule.ScheduleDefinition;
import dev.smelt.workflows.schedule.ScheduleState;
import dev.smelt.workflows.schedule.ScheduledRun;
import dev.smelt.workflows.schedule.ScheduledRunImpl;
import dev.smelt.workflows.schedule.ScheduledRunRequest;
import dev.smelt.workflows.schedule.TimedRun;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageCache;
import dev.smelt.workflows.stage.StageCheck;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Writes the histories {@link WorkflowReplayTest} replays, from the workflow code as it is now,
 * over mocked activities. Run it after a deliberate, versioned change to a workflow:
 * <pre>mvn -B -o -q -pl workflows test -Dtest=ReplayHistories -Dsmelt.recordHistories=true</pre>
 * and commit {@code workflows/src/test/resources/replay/*.json}. Without the property it does
 * nothing, so `mvn verify` never rewrites what it checks.
 */
class ReplayHistories {
  static final Path DIR = Path.of("src/test/resources/replay");
  static final String TRAINING_RUN = "training-run.json";
  static final String SCHEDULED_RUN = "scheduled-run.json";
  static final String RETRAIN_SCHEDULE = "retrain-schedule.json";

  private static final RunConfig CONFIG = new RunConfig("replay", 1, null, null, null,
      new PretrainConfig("causal", 1, 1, 1e-3, 0, 0, 0, 0, 1, 0, 0, 1, 8, 1, 0, 0, 0, 0, 0.15,
          "cpu", WorkerQueue.CPU, PretrainConfig.NO_INIT), null, null);
  private static final StageInput IN = new StageInput("replay-1", "/runs/replay-1", CONFIG);

  @Test
  void record() throws IOException {
    Assumptions.assumeTrue(Boolean.getBoolean("smelt.recordHistories"),
        "records only with -Dsmelt.recordHistories=true");
    Files.createDirectories(DIR);
    try (TestWorkflowEnvironment env = environment()) {
      Worker worker = worker(env);
      worker.registerWorkflowImplementationTypes(TrainingRunImpl.class, ScheduledRunImpl.class);
      worker.registerActivitiesImplementations(stageActivities());
      worker.registerActivitiesImplementations(scheduleActivities());
      worker.registerActivitiesImplementations(stageCache());
      env.start();
      client(env, TrainingRun.class, "smelt-replay-1").run(IN);
      write(env, "smelt-replay-1", TRAINING_RUN);
      client(env, ScheduledRun.class, "smelt-scheduled-replay-1")
          .run(new ScheduledRunRequest("replay", "/cfg/replay.yaml", false));
      write(env, "smelt-scheduled-replay-1", SCHEDULED_RUN);
    }
    recordSchedule();
  }

  /** Four simulated days of a buffer-one daily schedule with runs of 36 h, a pause, a trigger, a delete. */
  private static void recordSchedule() throws IOException {
    try (TestWorkflowEnvironment env = environment()) {
      Worker worker = worker(env);
      worker.registerWorkflowImplementationTypes(RetrainScheduleImpl.class);
      worker.registerWorkflowImplementationFactory(ScheduledRun.class,
          () -> new TimedRun(Duration.ofHours(36)));
      env.start();
      RetrainSchedule schedule = client(env, RetrainSchedule.class, RetrainSchedule.workflowId("replay"));
      WorkflowClient.start(schedule::run, ScheduleState.created(new ScheduleDefinition("replay",
          "/cfg/replay.yaml", FireSpec.every(Duration.ofDays(1)), Overlap.BUFFER_ONE, false)));
      env.sleep(Duration.ofDays(3));
      schedule.pause("replay");
      env.sleep(Duration.ofDays(1));
      schedule.trigger();
      schedule.unpause("");
      env.sleep(Duration.ofDays(1));
      schedule.delete();
      WorkflowStub.fromTyped(schedule).getResult(Void.class);
      write(env, RetrainSchedule.workflowId("replay"), RETRAIN_SCHEDULE);
    }
  }

  private static TestWorkflowEnvironment environment() {
    return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(Instant.parse("2026-12-01T12:00:00Z")).build());
  }

  private static Worker worker(TestWorkflowEnvironment env) {
    return env.newWorker(TrainingRun.CPU_QUEUE,
        WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build());
  }

  private static <T> T client(TestWorkflowEnvironment env, Class<T> type, String id) {
    return env.getWorkflowClient().newWorkflowStub(type, WorkflowOptions.newBuilder()
        .setWorkflowId(id).setTaskQueue(TrainingRun.CPU_QUEUE).build());
  }

  private static void write(TestWorkflowEnvironment env, String workflowId, String file)
      throws IOException {
    Files.writeString(DIR.resolve(file),
        env.getWorkflowClient().fetchHistory(workflowId).toJson(true) + "\n");
  }

  /**
   * One mock per activity interface of the stages, found by reflection so a new stage is
   * covered; results are null unless the workflow reads them (then give it an answer here).
   */
  private static Object[] stageActivities() {
    return Arrays.stream(StageActivities.class.getDeclaredClasses())
        .filter(c -> c.isAnnotationPresent(ActivityInterface.class))
        .map(c -> mock(c, withSettings().withoutAnnotations()))
        .toArray();
  }

  /** Every stage fingerprinted and not cached: the history holds each stage's full path. */
  private static StageCache stageCache() {
    StageCache c = mock(StageCache.class, withSettings().withoutAnnotations());
    when(c.open(any(), any(), any())).thenAnswer(i -> new StageCheck(i.getArgument(1), "f", false, ""));
    when(c.finish(any(), any(), any())).thenAnswer(i -> "h-" + ((StageCheck) i.getArgument(1)).stage().id());
    return c;
  }

  private static ScheduleActivities scheduleActivities() {
    ScheduleActivities a = mock(ScheduleActivities.class, withSettings().withoutAnnotations());
    when(a.decide(any())).thenReturn(RunDecision.start("first run of the schedule", "f1"));
    when(a.prepare(any(), anyString())).thenAnswer(i -> new StageInput(i.getArgument(1),
        "/runs/" + i.getArgument(1), CONFIG));
    return a;
  }
}
