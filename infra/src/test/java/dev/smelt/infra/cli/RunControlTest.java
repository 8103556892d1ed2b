package dev.smelt.infra.cli;

import static dev.smelt.infra.chaos.ChaosRuns.await;
import static dev.smelt.infra.chaos.ChaosRuns.pretrainStep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.checkpoint.CheckpointStore;
import dev.smelt.infra.chaos.ChaosRun;
import dev.smelt.infra.chaos.ChaosRuns;
import dev.smelt.infra.chaos.Uninterrupted;
import dev.smelt.infra.progress.StageSnapshot;
import dev.smelt.infra.worker.SmeltWorker;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.stage.RunSummary;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * `smelt pause`, `unpause`, `status`, `cancel`, and SIGTERM to a worker, against the real test
 * server with real workers and real training of a tiny model. Prints the pause and SIGTERM
 * latencies (request → checkpoint on disk).
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class RunControlTest {
  static final int STEPS = 360;
  /** pretrain.heartbeatTimeoutSeconds of the config below (the default). */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(8);

  /** Kept after the test (under target/) so the worker logs of a failed run can be read. */
  final Path dir = Path.of("target", "control-" + System.nanoTime()).toAbsolutePath();

  @Test
  void pauseUnpauseSigtermAndWatchEndWithTheWeightsOfAnUninterruptedRun() throws Exception {
    RunConfig cfg = ChaosRuns.load(dir, ChaosRuns.Shape.of("control", STEPS, 25));
    Path runDir = dir.resolve("paused");
    try (ChaosRun chaos = ChaosRun.withWorker(dir)) {
      CompletableFuture<RunSummary> result =
          chaos.execute(RunStarter.workflowId("paused"), "paused", runDir, cfg);
      await(chaos.probe(), RunStarter.workflowId("paused"), s -> pretrainStep(s) >= 15);

      long pauseAsked = System.currentTimeMillis();
      CliCapture.Result paused = CliCapture.smelt("pause", "paused", "--temporal", chaos.target());
      assertEquals(0, paused.code(), paused.toString());
      Matcher m = Pattern.compile("paused at pretrain step (\\d+)").matcher(paused.out());
      assertTrue(m.find(), paused.out());
      int pausedStep = Integer.parseInt(m.group(1));
      Path checkpoint = checkpoint(runDir, pausedStep);
      assertEquals(java.util.Optional.empty(), CheckpointStore.problem(checkpoint),
          "a whole checkpoint of the step the pause stopped at");
      System.out.printf("control: pause latency (smelt pause → checkpoint of step %d on disk) "
          + "%d ms%n", pausedStep, writtenAt(checkpoint) - pauseAsked);
      assertEquals(0, pendingActivities(chaos.client(), "paused"),
          "paused: no activity holds the worker");
      CliCapture.Result status = CliCapture.smelt("status", "paused", "--temporal", chaos.target());
      assertTrue(status.out().startsWith("paused: paused at pretrain step " + pausedStep),
          status.out());

      CliCapture.Result unpaused = CliCapture.smelt("unpause", "paused", "--temporal",
          chaos.target());
      assertEquals(0, unpaused.code(), unpaused.toString());
      StageSnapshot before = await(chaos.probe(), RunStarter.workflowId("paused"),
          s -> pretrainStep(s) >= pausedStep + 20);
      String line = CliCapture.smelt("status", "paused", "--temporal", chaos.target()).out();
      assertTrue(line.matches("(?s)paused: running, stage 3/7 pretrain, \\d+/" + STEPS
          + " steps, loss \\d+\\.\\d+, .* tok/s, ETA \\d+:\\d\\d.*"), line);

      long terminated = System.currentTimeMillis();
      chaos.worker().terminate();
      boolean exited = chaos.worker().waitFor(HEARTBEAT_TIMEOUT);
      long exitMs = System.currentTimeMillis() - terminated;
      assertTrue(exited, "the worker exits within the heartbeat timeout after SIGTERM");
      int stoppedAt = newestCheckpoint(runDir);
      assertTrue(stoppedAt >= pretrainStep(before), "checkpointed at the step it was at ("
          + stoppedAt + ", last heartbeat " + pretrainStep(before) + ")");
      System.out.printf("control: SIGTERM latency (kill → checkpoint of step %d on disk) %d ms;"
          + " worker exited after %d ms%n", stoppedAt,
          writtenAt(checkpoint(runDir, stoppedAt)) - terminated, exitMs);

      chaos.startWorker("worker-1.log");
      CliCapture.Result watched = CliCapture.smelt("watch", "paused", "--temporal",
          chaos.target());
      assertEquals(0, watched.code(), watched.toString());
      assertTrue(watched.out().contains("pretrain   " + STEPS + " steps"), watched.out());
      assertTrue(watched.out().contains("resumed    pre-training from step"), watched.out());
      RunSummary summary = result.get(1, TimeUnit.MINUTES);
      assertEquals(stoppedAt, summary.pretrain().resumedFromStep(),
          "the next worker resumed from the checkpoint SIGTERM wrote");
      assertEquals(0, summary.pretrain().stepsRedone(), "no step trained twice");
    }
    Path baseline = Uninterrupted.pretrain(cfg, runDir, dir.resolve("baseline"));
    assertEquals(Uninterrupted.losses(dir.resolve("baseline/metrics.jsonl")),
        Uninterrupted.losses(runDir.resolve("pretrain/metrics.jsonl")));
    assertArrayEquals(Files.readAllBytes(baseline.resolve("model.safetensors")),
        Files.readAllBytes(runDir.resolve("pretrain/final/model.safetensors")),
        "final weights after a pause and a SIGTERM equal those of an uninterrupted run");
  }

  @Test
  void cancelKeepsTheCheckpointAndMarksTheRunFolderCancelled() throws Exception {
    RunConfig cfg = ChaosRuns.load(dir, ChaosRuns.Shape.of("control", STEPS, 25));
    Path runDir = dir.resolve("cancelled");
    try (ChaosRun chaos = ChaosRun.serverOnly(dir);
        SmeltWorker worker = SmeltWorker.start(chaos.client(), TrainingRun.CPU_QUEUE, 1, dir)) {
      CompletableFuture<RunSummary> result =
          chaos.execute(RunStarter.workflowId("cancelled"), "cancelled", runDir, cfg);
      await(chaos.probe(), RunStarter.workflowId("cancelled"), s -> pretrainStep(s) >= 5);

      CliCapture.Result cancelled = CliCapture.smelt("cancel", "cancelled", "--temporal",
          chaos.target());
      assertEquals(0, cancelled.code(), cancelled.toString());
      assertTrue(cancelled.out().contains("run cancelled cancelled; its checkpoints are kept"),
          cancelled.out());
      assertTrue(result.isCompletedExceptionally());
      JsonNode state = new ObjectMapper().readTree(runDir.resolve("state.json").toFile());
      assertEquals("cancelled", state.path("state").asText());
      assertEquals("pretrain", state.path("stage").asText());
      int step = newestCheckpoint(runDir);
      assertTrue(step >= 5, "the checkpoint of the step the cancel stopped at is kept: " + step);
      assertEquals(java.util.Optional.empty(), CheckpointStore.problem(checkpoint(runDir, step)));

      CliCapture.Result one = CliCapture.smelt("status", "cancelled", "--temporal",
          chaos.target(), "--runs-dir", dir.toString());
      assertEquals("cancelled: cancelled in stage 3/7 pretrain", one.out().strip());
      CliCapture.Result all = CliCapture.smelt("status", "--temporal", chaos.target(),
          "--runs-dir", dir.toString());
      assertTrue(all.out().lines().anyMatch(l -> l.startsWith("cancelled: cancelled")), all.out());
      CliCapture.Result again = CliCapture.smelt("pause", "cancelled", "--temporal",
          chaos.target());
      assertEquals(2, again.code(), again.toString());
      assertEquals("smelt: run cancelled is not running: cancelled", again.err());
      CliCapture.Result unknown = CliCapture.smelt("cancel", "nosuch", "--temporal",
          chaos.target());
      assertEquals(2, unknown.code(), unknown.toString());
      assertEquals("smelt: run nosuch is not known to this Temporal server", unknown.err());
    }
  }

  private static Path checkpoint(Path runDir, int step) {
    return runDir.resolve("pretrain/checkpoints").resolve(String.format("step-%08d", step));
  }

  private static int newestCheckpoint(Path runDir) throws IOException {
    try (Stream<Path> dirs = Files.list(runDir.resolve("pretrain/checkpoints"))) {
      return dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("step-\\d{8}"))
          .mapToInt(n -> Integer.parseInt(n.substring(5))).max().orElse(0);
    }
  }

  /** When the checkpoint's last file was written (epoch ms). */
  private static long writtenAt(Path checkpoint) throws IOException {
    try (Stream<Path> files = Files.list(checkpoint)) {
      long newest = 0;
      for (Path f : files.toList()) {
        newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
      }
      return newest;
    }
  }

  private static int pendingActivities(WorkflowClient client, String runId) {
    return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(RunStarter.workflowId(runId)))
            .build()).getPendingActivitiesCount();
  }
}
