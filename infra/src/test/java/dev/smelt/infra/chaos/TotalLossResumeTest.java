package dev.smelt.infra.chaos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Chaos, total loss: the whole `smelt run` process tree (CLI, in-process worker, embedded
 * Temporal server) is killed with SIGKILL during pre-training, so the run's history is gone;
 * `smelt resume` continues from the run folder alone. Its final weights and every logged loss
 * must equal those of an uninterrupted pre-training on the same shards, run as `smelt resume
 * --force pretrain` of a copy of the folder. Every command runs with the CLI's default thread
 * count. Tagged "chaos" (part of mvn verify, left out of quick runs).
 */
@Tag("chaos")
class TotalLossResumeTest {
  static final int STEPS = 60;
  static final int CHECKPOINT_EVERY = 20;
  /** Killed once pre-training has logged this step: a checkpoint (20) lies behind it. */
  static final int KILL_AFTER = 26;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Kept after the test (under target/) so the logs of a failed run can be read. */
  final Path dir = Path.of("target", "total-loss-" + System.currentTimeMillis()).toAbsolutePath();

  @Test
  void wholeProcessTreeKilledDuringPretrainingResumesToTheUninterruptedWeights() throws Exception {
    Path runs = dir.resolve("runs");
    Files.createDirectories(runs);
    Path config = config();
    Path run = runs.resolve("total");
    Path metrics = run.resolve("pretrain/metrics.jsonl");

    SmeltProcess first = SmeltProcess.start(dir.resolve("run.log"), "run", config.toString(),
        "--run-id", "total", "--runs-dir", runs.toString());
    int killedAt;
    try {
      killedAt = awaitLoggedStep(metrics, KILL_AFTER, first);
      System.out.printf("total-loss: killing %d processes at logged step %d%n", first.treeSize(),
          killedAt);
    } finally {
      first.killTree();
    }

    long resumeStarted = System.nanoTime();
    SmeltProcess resume = SmeltProcess.start(dir.resolve("resume.log"), "resume", "total",
        "--runs-dir", runs.toString());
    int resumedAt = awaitStepAfterTruncation(metrics, killedAt, resume);
    double latency = (System.nanoTime() - resumeStarted) / 1e9;
    assertEquals(0, resume.waitFor(), "smelt resume exits 0 (see " + dir.resolve("resume.log") + ")");

    JsonNode results = JSON.readTree(run.resolve("results.json").toFile());
    int from = results.at("/pretrain/resumedFromStep").asInt();
    int redone = results.at("/pretrain/stepsRedone").asInt();
    System.out.printf("total-loss: resume latency (smelt resume → first new step %d) %.1f s; "
        + "resumed from step %d; steps redone %d (killed after step %d)%n", resumedAt, latency,
        from, redone, killedAt);
    assertTrue(from > 0 && from <= killedAt, "resumed from a checkpoint at or before the kill");
    assertTrue(redone >= killedAt - from, "steps redone counts at least those logged past it");
    assertEquals(List.of("data", "tokenizer"), cachedBeforePretrain(results),
        "data and tokenizer served from their records, not rebuilt");

    Path baseline = runs.resolve("uninterrupted");
    copyTree(run, baseline);
    SmeltProcess again = SmeltProcess.start(dir.resolve("uninterrupted.log"), "resume",
        "uninterrupted", "--force", "pretrain", "--runs-dir", runs.toString());
    assertEquals(0, again.waitFor(), "see " + dir.resolve("uninterrupted.log"));
    assertEquals(0, JSON.readTree(baseline.resolve("results.json").toFile())
        .at("/pretrain/resumedFromStep").asInt(), "the forced rerun trained from step 0");

    assertEquals(Uninterrupted.losses(baseline.resolve("pretrain/metrics.jsonl")),
        Uninterrupted.losses(metrics),
        "every logged loss of the killed and resumed run equals the uninterrupted run's");
    assertArrayEquals(Files.readAllBytes(baseline.resolve("pretrain/final/model.safetensors")),
        Files.readAllBytes(run.resolve("pretrain/final/model.safetensors")),
        "final weights after a total loss equal those of an uninterrupted run");
  }

  private static List<String> cachedBeforePretrain(JsonNode results) {
    List<String> out = new ArrayList<>();
    results.path("cached").forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Waits until metrics.jsonl logs a step ≥ {@code step}; returns the last logged step. */
  private static int awaitLoggedStep(Path metrics, int step, SmeltProcess p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
    while (System.nanoTime() < deadline) {
      int last = lastStep(metrics);
      if (last >= step) {
        return last;
      }
      assertTrue(p.isAlive(), "smelt run ended before pre-training reached step " + step);
      Thread.sleep(20); // polling the run folder, not standing in for work
    }
    throw new AssertionError("pre-training did not reach step " + step + " within 8 minutes");
  }

  /** The resumed run truncates metrics.jsonl to its checkpoint, then logs a new step: that step. */
  private static int awaitStepAfterTruncation(Path metrics, int killedAt, SmeltProcess p)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    int kept = -1; // the last step left after truncation: the checkpoint resumed from
    while (System.nanoTime() < deadline && p.isAlive()) {
      int last = lastStep(metrics);
      if (kept < 0 && last >= 0 && last < killedAt) {
        kept = last;
      }
      if (kept >= 0 && last > kept) {
        return last;
      }
      Thread.sleep(20); // polling the run folder, not standing in for work
    }
    return lastStep(metrics);
  }

  private static int lastStep(Path metrics) throws IOException {
    if (!Files.isRegularFile(metrics)) {
      return -1;
    }
    int last = -1;
    for (String line : Files.readAllLines(metrics)) {
      try {
        JsonNode n = JSON.readTree(line);
        if (n != null && n.has("loss")) {
          last = n.get("step").asInt();
        }
      } catch (IOException halfWritten) {
        // the line being written right now
      }
    }
    return last;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private Path config() throws IOException {
    return ChaosRuns.config(dir.resolve("total.yaml"),
        new ChaosRuns.Shape("total", 13, 32, STEPS, 1, 30, CHECKPOINT_EVERY));
  }
}
