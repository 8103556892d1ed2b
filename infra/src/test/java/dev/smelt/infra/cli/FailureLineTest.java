package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.workflows.stage.PermanentFailure;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure is one line on stderr naming what failed; --verbose adds the stack trace behind it. */
class FailureLineTest {
  @TempDir Path dir;

  private static WorkflowException failedIn(String activityType, ApplicationFailure cause) {
    ActivityFailure activity = new ActivityFailure("Activity task failed", 5, 6, activityType, "1",
        RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE, "worker", cause);
    return new WorkflowFailedException(WorkflowExecution.newBuilder().setWorkflowId("smelt-x")
        .build(), "TrainingRun", EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, 7,
        RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET, activity);
  }

  @Test
  void failedRunNamesItsStageAndThePermanentFailuresOwnMessage() {
    RunFailedException e = RunFailedException.of("x",
        failedIn("PrepareData", PermanentFailure.of("every one of the 3 documents was rejected")));
    assertEquals("run x failed in stage data: every one of the 3 documents was rejected",
        e.getMessage());
  }

  @Test
  void failedRunOfAnotherErrorKeepsItsMessageOnOneLine() {
    RunFailedException e = RunFailedException.of("x", failedIn("Evaluate",
        ApplicationFailure.newFailure("disk full\nwhile writing", "java.io.IOException")));
    assertEquals("run x failed in stage evaluate: disk full while writing", e.getMessage());
  }

  private String stderrOf(String... args) throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      SmeltCli.execute(args);
    } finally {
      System.setErr(old);
    }
    return err.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void verboseAddsTheStackTraceAfterTheSameFirstLine() throws IOException {
    Path cfg = dir.resolve("bad.yaml");
    Files.writeString(cfg, "seed: 1\nseed: 2\n");
    String quiet = stderrOf("run", cfg.toString(), "--runs-dir", dir.resolve("runs").toString());
    String verbose = stderrOf("run", cfg.toString(), "--runs-dir", dir.resolve("runs").toString(),
        "--verbose");
    assertEquals(1, quiet.lines().count(), quiet);
    assertEquals(quiet, verbose.lines().findFirst().orElseThrow());
    assertTrue(verbose.contains("at dev.smelt.infra.config.ConfigLoader"), verbose);
  }
}
