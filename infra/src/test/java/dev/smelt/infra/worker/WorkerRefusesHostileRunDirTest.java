package dev.smelt.infra.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.infra.cli.SentinelFolders;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.infra.temporal.EmbeddedTemporalServer;
import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anyone who can start a workflow writes its input: a worker refuses, as non-retryable, every
 * run folder that is not directly inside its own runs root, and nothing outside changes.
 */
class WorkerRefusesHostileRunDirTest {
  static final Path TINY = Path.of("..", "examples", "tiny.yaml").toAbsolutePath().normalize();
  static final String QUEUE = "smelt-hostile-test";

  @TempDir Path dir;
  @TempDir Path logs;

  @Test
  void workflowNamingAFolderOutsideTheRunsRootFailsWithoutRetryAndChangesNothing() throws Exception {
    SentinelFolders.plant(dir);
    Path runs = dir.resolve("runs");
    Path sentinel = dir.resolve("sentinel");
    Files.createSymbolicLink(runs.resolve("linked"), sentinel);
    RunConfig cfg = ConfigLoader.load(TINY);
    List<String> hostile = List.of(sentinel.toString(), runs + "/../sentinel", runs.toString(),
        runs + "/.", runs + "/linked", runs + "/a/b", "relative-run");
    Map<String, String> before = SentinelFolders.snapshot(dir);
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0, logs.resolve("server.log"));
        TemporalConnection conn = TemporalConnection.embedded(server.target());
        SmeltWorker worker = SmeltWorker.start(conn.client(), QUEUE, 1, runs)) {
      for (int i = 0; i < hostile.size(); i++) {
        String runDir = hostile.get(i);
        TrainingRun run = conn.client().newWorkflowStub(TrainingRun.class, WorkflowOptions.newBuilder()
            .setWorkflowId("hostile-" + i).setTaskQueue(QUEUE).build());
        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
            () -> run.run(new StageInput("hostile", runDir, cfg)), runDir);
        ApplicationFailure cause = applicationFailure(failed);
        assertEquals(PermanentFailure.TYPE, cause.getType(), runDir);
        assertTrue(cause.isNonRetryable(), runDir);
        assertTrue(cause.getOriginalMessage().startsWith("refusing run folder '" + runDir + "'"),
            cause.getOriginalMessage());
      }
    }
    assertEquals(before, SentinelFolders.snapshot(dir), "files changed outside the run folders");
  }

  private static ApplicationFailure applicationFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ApplicationFailure a) {
        return a;
      }
    }
    throw new AssertionError("no application failure in", t);
  }
}
