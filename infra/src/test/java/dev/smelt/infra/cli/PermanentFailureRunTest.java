package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.infra.temporal.EmbeddedTemporalServer;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the CLI, with a real Temporal server and an in-process worker: a corpus that filters
 * down to nothing ends `smelt run` with exit 1, one line on stderr, after one attempt of the data
 * stage (read from the workflow's history, not from timing).
 */
class PermanentFailureRunTest {
  @TempDir Path dir;

  private Path config() throws IOException {
    Files.writeString(dir.resolve("docs.jsonl"), String.join("\n", IntStream.rangeClosed(1, 12)
        .mapToObj(i -> "{\"text\": \"A short document, number " + i + ".\"}").toList()) + "\n");
    Files.writeString(dir.resolve("task.jsonl"), "{\"text\": \"good\", \"label\": 1}\n");
    Path cfg = dir.resolve("nothing-kept.yaml");
    Files.writeString(cfg, """
        name: nothing-kept
        data:
          inputs: [docs.jsonl]
          minChars: 100000   # longer than every document
          maxChars: 5000000
        finetune:
          inputs: [task.jsonl]
        """);
    return cfg;
  }

  @Test
  void corpusFilteredToNothingFailsTheRunAtOnceWithOneLine() throws Exception {
    Path cfg = config();
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0, dir.resolve("server.log"))) {
      CliCapture.Result r = CliCapture.smelt("run", cfg.toString(), "--run-id", "empty",
          "--runs-dir", dir.resolve("runs").toString(), "--temporal", server.target());
      int code = r.code();
      String stderr = r.err();
      assertEquals(1, code, stderr);
      assertEquals(1, stderr.lines().count(), "one line: " + stderr);
      assertTrue(stderr.startsWith("smelt: run empty failed in stage data: every one of the 12 "
          + "documents read was rejected (TOO_SHORT 12); nothing is left to train a tokenizer on"
          + " — see "), stderr);
      assertTrue(stderr.endsWith(dir.resolve("runs/empty/data/stats.json").toString()), stderr);
      assertEquals(List.of(1, 1), activityAttempts(server.target(), RunStarter.workflowId("empty")),
          "the stage cache's OpenStage and the data stage each ran once; neither was retried");
    }
  }

  /** The attempt number of every activity start in the workflow's history. */
  private static List<Integer> activityAttempts(String target, String workflowId) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      return WorkflowClient.newInstance(stubs).fetchHistory(workflowId).getEvents().stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
          .map(HistoryEvent::getActivityTaskStartedEventAttributes)
          .map(a -> a.getAttempt())
          .toList();
    } finally {
      stubs.shutdownNow();
    }
  }
}
