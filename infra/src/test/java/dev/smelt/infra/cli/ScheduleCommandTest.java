package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.schedule.ScheduleActivitiesImpl;
import dev.smelt.infra.config.RunConfigLoader;
import dev.smelt.infra.temporal.EmbeddedTemporalServer;
import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.infra.cli.CliCapture.Result;
import dev.smelt.infra.worker.SmeltWorker;
import dev.smelt.workflows.schedule.ScheduledRunRequest;
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

  /**
   * A fire whose config and inputs fingerprint as the last good run's is skipped with that run
   * named; one changed byte of the corpus starts a run, the reason naming the file. (The corpus
   * filters to nothing, so that run fails at once; its reason keeps why it started.)
   */
  @Test
  void anUnchangedCorpusIsSkippedByFingerprintAndOneChangedByteStartsARun() throws Exception {
    Path corpus = dir.resolve("fp.jsonl");
    Files.writeString(corpus, "{\"text\": \"x\"}\n");
    Path fp = dir.resolve("fp.yaml");
    Files.writeString(fp, "name: fp\ndata:\n  inputs: [fp.jsonl]\nfinetune:\n  inputs: [fp.jsonl]\n");
    ScheduleActivitiesImpl seeding =
        new ScheduleActivitiesImpl(dir.resolve("runs"), new RunConfigLoader());
    seeding.recordSuccess("fp", "fp-seeded",
        seeding.decide(new ScheduledRunRequest("fp", fp.toString(), false)).fingerprint());
    assertEquals(0, smelt("schedule", "create", "fp", fp.toString(), "--every", "7d").code());
    try {
      assertEquals(0, smelt("schedule", "trigger", "fp").code());
      String skipped = describedFire("fp", "#1 ");
      assertTrue(skipped.contains("skipped_unchanged: config and inputs unchanged since run "
          + "fp-seeded (stage fingerprints)"), skipped);
      Path runs = dir.resolve("runs");
      assertTrue(smelt("schedule", "describe", "fp", "--runs-dir", runs.toString()).out()
          .contains("  last good: run fp-seeded (no results.json under " + runs + ")"));
      Files.createDirectories(runs.resolve("fp-seeded"));
      Files.writeString(runs.resolve("fp-seeded/results.json"),
          "{\"eval\": {\"perplexity\": 41.234, \"task\": \"sentiment\", \"accuracy\": 0.8125}}");
      assertTrue(smelt("schedule", "describe", "fp", "--runs-dir", runs.toString()).out()
          .contains("  last good: run fp-seeded (perplexity 41.23, sentiment accuracy 81.3 %)"));

      Files.writeString(corpus, "{\"text\": \"y\"}\n");
      assertEquals(0, smelt("schedule", "trigger", "fp").code());
      String started = describedFire("fp", "#2 ");
      assertTrue(started.contains("failed run fp-"), started);
      assertTrue(started.contains(": changed since run fp-seeded: input " + corpus + " (content)"
          + "; failed: "), started);
      assertTrue(smelt("schedule", "describe", "fp").out().contains("started 1, skipped 1 "
          + "(overlap 0, unchanged 1)"));
    } finally {
      smelt("schedule", "delete", "fp");
    }
  }

  /** The line of fire {@code number} ("#1 ") once it has settled (not running or buffered). */
  private static String describedFire(String schedule, String number) throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
    String out = "";
    while (System.nanoTime() < deadline) {
      out = smelt("schedule", "describe", schedule).out();
      java.util.Optional<String> line = out.lines().map(String::strip)
          .filter(l -> l.startsWith(number)).findFirst();
      if (line.isPresent() && !line.get().contains(" running") && !line.get().contains(" buffered")) {
        return line.get();
      }
      Thread.sleep(200); // waits on the fire's workflow, which runs elsewhere
    }
    throw new AssertionError("fire " + number + "did not settle in 3 minutes: " + out);
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
