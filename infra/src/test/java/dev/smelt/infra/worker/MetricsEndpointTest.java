package dev.smelt.infra.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.metrics.StageMetrics;
import dev.smelt.activities.stage.DataActivity;
import dev.smelt.activities.stage.StageCacheActivity;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.schedule.FireSpec;
import dev.smelt.workflows.schedule.Overlap;
import dev.smelt.workflows.schedule.RetrainSchedule;
import dev.smelt.workflows.schedule.RetrainScheduleImpl;
import dev.smelt.workflows.schedule.RunDecision;
import dev.smelt.workflows.schedule.ScheduleActivities;
import dev.smelt.workflows.schedule.ScheduleDefinition;
import dev.smelt.workflows.schedule.ScheduleState;
import dev.smelt.workflows.schedule.ScheduledRunImpl;
import dev.smelt.workflows.schedule.ScheduledRunRequest;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageCache;
import dev.smelt.workflows.stage.StageCheck;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TrainingProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's Prometheus endpoint, scraped over HTTP: Temporal SDK metrics and Smelt's. */
class MetricsEndpointTest {
  /** Decides every fire unchanged: the scheduled run records a skip and ends. */
  static final class UnchangedInputs implements ScheduleActivities {
    @Override
    public RunDecision decide(ScheduledRunRequest request) {
      return RunDecision.skip("config and inputs unchanged since run r1", "f");
    }

    @Override
    public StageInput prepare(ScheduledRunRequest request, String runId) {
      throw new AssertionError("an unchanged run is not prepared");
    }

    @Override
    public void recordSuccess(String schedule, String runId, String fingerprint) {
      throw new AssertionError("a skipped run records no success");
    }

    @Override
    public void terminate(String workflowId, String reason) {
      throw new AssertionError("not used");
    }
  }

  private static String scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return r.body();
  }

  /**
   * A daily schedule on the scheduler workflow (time-skipping test server), one fire that finds
   * its inputs unchanged: the skip is counted once and scraped.
   */
  @Test
  void servesTrainingProgressAndTemporalMetricsIncludingSkippedScheduledRuns() throws Exception {
    try (MetricsEndpoint metrics = MetricsEndpoint.start(0);
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setMetricsScope(metrics.temporalScope())
                .setInitialTime(Instant.parse("2026-12-01T12:00:00Z")).build())) {
      StageMetrics.progress(new TrainingProgress("pretrain", 42, 100, "steps", 3.5, null, 1234.0));
      Worker worker = env.newWorker(TrainingRun.CPU_QUEUE);
      worker.registerWorkflowImplementationTypes(RetrainScheduleImpl.class, ScheduledRunImpl.class);
      worker.registerActivitiesImplementations(new UnchangedInputs());
      env.start();
      RetrainSchedule schedule = env.getWorkflowClient().newWorkflowStub(RetrainSchedule.class,
          WorkflowOptions.newBuilder().setWorkflowId(RetrainSchedule.workflowId("nightly"))
              .setTaskQueue(TrainingRun.CPU_QUEUE).build());
      WorkflowClient.start(schedule::run, ScheduleState.created(new ScheduleDefinition("nightly",
          "/cfg/n.yaml", FireSpec.every(Duration.ofDays(1)), Overlap.SKIP, false)));
      env.sleep(Duration.ofDays(1)); // one fire, at midnight UTC
      assertEquals(1, schedule.describe().tally().skippedUnchanged());

      String text = scrape(metrics.port());
      assertTrue(text.contains("smelt_step{stage=\"pretrain\"} 42.0"), text);
      assertTrue(text.contains("smelt_loss{stage=\"pretrain\"} 3.5"), text);
      assertTrue(text.contains("smelt_tokens_per_second{stage=\"pretrain\"} 1234.0"), text);
      // The SDK hands its counters over every second: wait for the skip to arrive (at most 30 s).
      for (int i = 0; i < 300 && !text.contains("smelt_schedule_runs_skipped_total"); i++) {
        Thread.sleep(100);
        text = scrape(metrics.port());
      }
      // exactly the one skip, so a counter that also counted started runs would fail here
      assertTrue(text.matches("(?s).*\nsmelt_schedule_runs_skipped_total\\{[^}]*} 1(\\.0)?\n.*"),
          text);
      assertTrue(text.contains("temporal_workflow_completed_total{"), text);
      assertTrue(text.contains("temporal_request_total{"), text);
    }
  }

  /**
   * One data stage as TrainingRun runs it (the stage cache opens it, the data activity runs, the
   * cache records it): its documents read, rejected and per second are scraped, and the stage's
   * duration is counted once, not once per activity around it.
   */
  @Test
  void servesTheDataStagesDocumentCountsAndOneDurationPerAttempt(@TempDir Path dir)
      throws Exception {
    RunConfig cfg = ConfigLoader.load(StageCachingRunTest.EXAMPLES.resolve("tiny.yaml"));
    Path runs = dir.resolve("runs");
    StageInput in = new StageInput("m1", Files.createDirectories(runs.resolve("m1")).toString(),
        cfg);
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try (MetricsEndpoint metrics = MetricsEndpoint.start(0)) {
      env.registerActivitiesImplementations(new StageCacheActivity(runs), new DataActivity(runs));
      ActivityOptions options = ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5)).build();
      StageCache cache = env.newActivityStub(StageCache.class, options);
      StageActivities.Data data = env.newActivityStub(StageActivities.Data.class, options);
      StageCheck check = cache.open(in, Stage.DATA, List.of());
      DataResult result = data.prepare(in);
      cache.finish(in, check, result);

      String text = scrape(metrics.port());
      assertTrue(text.matches(
          "(?s).*\nsmelt_stage_duration_seconds_count\\{stage=\"data\"} 1(\\.0)?\n.*"), text);
      assertTrue(text.contains("smelt_docs_read{stage=\"data\"} " + (double) result.read()), text);
      assertTrue(text.contains("smelt_docs_rejected{stage=\"data\"} " + (double) result.rejected()),
          text);
      Matcher perSecond = Pattern.compile("\nsmelt_docs_per_second\\{stage=\"data\"} (\\S+)\n")
          .matcher(text);
      assertTrue(perSecond.find(), text);
      assertTrue(Double.parseDouble(perSecond.group(1)) > 0, perSecond.group());
    } finally {
      env.close();
    }
  }
}
