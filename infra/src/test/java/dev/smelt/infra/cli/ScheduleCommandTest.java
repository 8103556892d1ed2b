package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.infra.temporal.EmbeddedTemporalServer;
import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.infra.cli.CliCapture.Result;
import dev.smelt.infra.worker.SmeltWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `smelt schedule …` through the CLI against the embedded server (no Temporal Schedules there, so
 * the scheduler workflow serves it) with an in-process worker.
 */
class ScheduleCommandTest {
  @TempDir static Path dir;
  private static EmbeddedTemporalServer server;
  private static TemporalConnection conn;
  private static SmeltWorker worker;
  private static Path config;

  @BeforeAll
  static void startServerAndWorker() throws IOException {
    Files.writeString(dir.resolve("corpus.jsonl"), "{\"text\": \"x\"}\n");
    config = dir.resolve("nightly.yaml");
    Files.writeString(config, "name: nightly\ndata:\n  inputs: [corpus.jsonl]\n"
        + "finetune:\n  inputs: [corpus.jsonl]\n");
    server = EmbeddedTemporalServer.start(0, dir.resolve("server.log"));
    conn = TemporalConnection.embedded(server.target());
    worker = SmeltWorker.start(conn.client(), dev.smelt.workflows.run.TrainingRun.CPU_QUEUE, 1,
        dir.resolve("runs"));
  }

  @AfterAll
  static void stop() {
    worker.close();
    conn.close();
    server.close();
  }

  private static Result smelt(String... args) {
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--temporal", server.target())).toArray(String[]::new);
    return CliCapture.smelt(all);
  }

  private static void assertUsageLine(Result r, String expected) {
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().lines().count(), "one line: " + r.err());
  }

  @Test
  void createListDescribePauseUnpauseDeleteOnTheEmbeddedServer() {
    Result created = smelt("schedule", "create", "weekly", config.toString(), "--cron", "0 3 * * 1",
        "--overlap", "buffer-one");
    assertEquals(0, created.code(), created.toString());
    assertUsageLine(smelt("schedule", "create", "weekly", config.toString(), "--every", "24h"),
        "a schedule named 'weekly' exists already");
    assertTrue(smelt("schedule", "list").out().lines().anyMatch("weekly"::equals));

    String described = smelt("schedule", "describe", "weekly").out();
    assertTrue(described.contains("cron 0 3 * * 1 (UTC), overlap buffer-one"), described);
    assertTrue(described.contains("Smelt scheduler workflow") && described.contains("active"), described);
    assertTrue(described.contains("fires 0, started 0"), described);

    assertEquals(0, smelt("schedule", "pause", "weekly", "--note", "data migration").code());
    assertTrue(smelt("schedule", "describe", "weekly").out().contains("paused (data migration)"));
    assertEquals(0, smelt("schedule", "unpause", "weekly").code());
    assertTrue(smelt("schedule", "describe", "weekly").out().contains("state:    active"));

    assertEquals(0, smelt("schedule", "delete", "weekly").code());
    assertTrue(smelt("schedule", "list").out().isBlank());
    assertUsageLine(smelt("schedule", "describe", "weekly"), "no schedule named 'weekly'");
    // a deleted schedule's name may be taken again
    assertEquals(0, smelt("schedule", "create", "weekly", config.toString(), "--every", "7d").code());
    assertEquals(0, smelt("schedule", "delete", "weekly").code());
  }

  @Test
  void badIntervalCronOrOverlapIsOneUsageLineNamingTheFlag() {
    assertUsageLine(smelt("schedule", "create", "n", config.toString(), "--every", "24x"),
        "--every '24x' is not an interval");
    assertUsageLine(smelt("schedule", "create", "n", config.toString(), "--cron", "0 24 * * *"),
        "--cron: cron hour '24' is outside 0-23");
    assertUsageLine(smelt("schedule", "create", "n", config.toString(), "--cron", "0 3 * *"),
        "--cron: cron '0 3 * *' has 4 fields");
    assertUsageLine(smelt("schedule", "create", "n", config.toString(), "--every", "1h",
        "--overlap", "queue"), "--overlap");
    assertUsageLine(smelt("schedule", "create", "n", config.toString(), "--every", "1h",
        "--cron", "0 3 * * 1"), "mutually exclusive");
    assertUsageLine(smelt("schedule", "create", "n", config.toString()), "--every");
    assertUsageLine(smelt("schedule", "create", "bad/name", config.toString(), "--every", "1h"),
        "schedule name");
  }

  @Test
  void badConfigIsAConfigErrorAtCreate() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "pretrain:\n  stepz: 3\n");
    assertUsageLine(smelt("schedule", "create", "bad", bad.toString(), "--every", "1h"),
        "unknown key 'pretrain.stepz'");
    assertTrue(smelt("schedule", "list").out().lines().noneMatch("bad"::equals));
  }

  @Test
  void unknownScheduleIsOneUsageLine() {
    for (String verb : new String[] {"describe", "pause", "unpause", "trigger", "delete"}) {
      assertUsageLine(smelt("schedule", verb, "nosuch"), "no schedule named 'nosuch'");
    }
  }
}
