package dev.smelt.infra.chaos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.pretrain.PretrainJob;
import dev.smelt.activities.pretrain.PretrainListener;
import dev.smelt.activities.pretrain.Pretrainer;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.infra.progress.RunWatcher;
import dev.smelt.infra.progress.StageSnapshot;
import dev.smelt.infra.temporal.EmbeddedTemporalServer;
import dev.smelt.infra.temporal.TemporalConnection;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.pipeline.tokenize.TokenDoc;
import dev.smelt.pipeline.tokenize.TokenShards;
import dev.smelt.workflows.config.RunConfig;
import dev.smelt.workflows.run.RunStatus;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Chaos: the standalone Temporal server and the worker are separate processes; the worker is
 * killed with SIGKILL at random pre-training steps and a fresh one started each time. The run
 * must finish with exactly the weights of a run that was never interrupted.
 *
 * <p>Part of {@code mvn verify} (tagged "chaos" so a quick local run can leave it out). It once
 * failed now and then without any kill: DJL's number overloads left autograd reading freed Java
 * memory, so a GC between forward and backward changed the gradients (see {@code Scalars}).
 */
@Tag("chaos")
class KilledWorkerResumeTest {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  static final int STEPS = 240;
  static final int KILLS = 3;

  /** Kept after the test (under target/) so the worker logs of a failed run can be read. */
  final Path dir = Path.of("target", "chaos-" + System.currentTimeMillis()).toAbsolutePath();

  @Test
  void workerKilledThreeTimesDuringPretrainingEndsWithUninterruptedWeights() throws Exception {
    Files.createDirectories(dir);
    RunConfig cfg = ConfigLoader.load(config());
    Path runDir = dir.resolve("chaos-run");
    List<Double> latencies = new ArrayList<>();
    RunSummary summary;
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0, dir.resolve("server.log"));
        TemporalConnection conn = TemporalConnection.embedded(server.target())) {
      WorkerProcess worker = WorkerProcess.start(server.target(), dir, dir.resolve("worker-0.log"));
      try {
        String workflowId = "smelt-chaos";
        TrainingRun run = conn.client().newWorkflowStub(TrainingRun.class, WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId).setTaskQueue(TrainingRun.CPU_QUEUE).build());
        CompletableFuture<RunSummary> result =
            WorkflowClient.execute(run::run, new StageInput("chaos", runDir.toString(), cfg));
        RunWatcher probe = new RunWatcher(conn.client(), new PrintStream(PrintStream.nullOutputStream()), false);

        for (int killAt : killSteps(new Random(cfg.seed()))) {
          StageSnapshot before = await(probe, workflowId, s -> pretrainStep(s) >= killAt);
          long killed = System.nanoTime();
          worker.kill();
          worker = WorkerProcess.start(server.target(), dir, dir.resolve("worker-" + killAt + ".log"));
          long deadStep = pretrainStep(before);
          // The dead attempt can heartbeat no more: the next change is the resumed attempt's step,
          // unless the resumed attempt finished pre-training before its first heartbeat was seen.
          StageSnapshot after = await(probe, workflowId,
              s -> pretrainStep(s) > 0 && pretrainStep(s) != deadStep || pastPretraining(s));
          double latency = (System.nanoTime() - killed) / 1e9;
          latencies.add(latency);
          System.out.printf("chaos: killed worker at step %d (attempt %d); resumed at step %s "
              + "(attempt %d) after %.1f s%n", deadStep, before.attempt(),
              pastPretraining(after) ? "(finished before its first heartbeat)" : pretrainStep(after),
              after.attempt(), latency);
        }
        summary = result.get(10, TimeUnit.MINUTES);
      } finally {
        worker.kill(); // also when the test fails: no worker outlives it
      }
    }
    System.out.println("chaos: resume latencies (kill → first new step) in s: " + latencies);
    assertTrue(summary.pretrain().resumedFromStep() > 0, "the last attempt resumed from a checkpoint");

    Path baseline = uninterruptedPretrain(cfg, runDir, dir.resolve("baseline"));
    assertEquals(losses(dir.resolve("baseline/metrics.jsonl")),
        losses(runDir.resolve("pretrain/metrics.jsonl")),
        "logged losses of the interrupted run equal the uninterrupted run's");
    assertArrayEquals(Files.readAllBytes(baseline.resolve("model.safetensors")),
        Files.readAllBytes(runDir.resolve("pretrain/final/model.safetensors")),
        "final weights after three kills equal those of an uninterrupted run");
  }

  /** Pre-trains on the chaos run's own shards, in this JVM, never interrupted. */
  private static Path uninterruptedPretrain(RunConfig cfg, Path runDir, Path out) throws Exception {
    int vocab = BpeTokenizer.load(runDir.resolve("tokenizer/tokenizer.json")).vocabSize();
    List<int[]> train = TokenShards.read(runDir.resolve("data/shards")).stream().map(TokenDoc::ids).toList();
    List<int[]> val = TokenShards.read(runDir.resolve("data/val")).stream().map(TokenDoc::ids).toList();
    new Pretrainer(new PretrainJob(cfg.model(), cfg.pretrain(), vocab, cfg.seed(), train, val, out),
        PretrainListener.NONE).run(Optional.empty());
    return out.resolve("final");
  }

  /** "step=loss" of every logged training step, in order. */
  static List<String> losses(Path metrics) throws java.io.IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(metrics)) {
      com.fasterxml.jackson.databind.JsonNode n = json.readTree(line);
      if (n.has("loss")) {
        out.add(n.get("step").asInt() + "=" + n.get("loss").asDouble());
      }
    }
    return out;
  }

  private static List<Integer> killSteps(Random random) {
    TreeSet<Integer> steps = new TreeSet<>();
    while (steps.size() < KILLS) {
      // Far enough apart that each resumed attempt passes the previous kill point, and far enough
      // from the end that the last resumed attempt heartbeats before it finishes.
      int step = 20 + random.nextInt(STEPS - 80);
      if (steps.stream().allMatch(s -> Math.abs(s - step) >= 40)) {
        steps.add(step);
      }
    }
    return new ArrayList<>(steps);
  }

  private static long pretrainStep(StageSnapshot s) {
    return s != null && "pretrain".equals(s.stage()) && s.heartbeat() != null
        && "pretrain".equals(s.heartbeat().stage()) ? s.heartbeat().done() : -1;
  }

  /** The run's stage is one after pre-training (or it is done). */
  private static boolean pastPretraining(StageSnapshot s) {
    return s != null && s.completed() > RunStatus.STAGES.indexOf("pretrain");
  }

  static StageSnapshot await(RunWatcher probe, String workflowId,
      Predicate<StageSnapshot> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      StageSnapshot s = probe.snapshot(workflowId);
      if (s != null && condition.test(s)) {
        return s;
      }
      Thread.sleep(50); // polling the server, not standing in for work
    }
    throw new AssertionError("the run did not reach the expected state within 5 minutes");
  }

  private Path config() throws Exception {
    Path cfg = dir.resolve("chaos.yaml");
    Files.writeString(cfg, String.join("\n",
        "name: chaos",
        "seed: 11",
        "data:",
        "  inputs: [" + EXAMPLES.resolve("corpus/tiny.jsonl") + "]",
        "  valFraction: 0.15",
        "tokenizer:",
        "  vocabSize: 600",
        "model:",
        "  preset: custom",
        "  layers: 2",
        "  heads: 2",
        "  dModel: 64",
        "  contextLength: 64",
        "  dropout: 0.1",
        "pretrain:",
        "  steps: " + STEPS,
        "  batchSize: 8",
        "  warmupSteps: 10",
        "  logEvery: 10",
        "  evalEvery: 60",
        "  checkpointEvery: 10",
        "finetune:",
        "  inputs: [" + EXAMPLES.resolve("sentiment/yelp.jsonl") + "]",
        "  steps: 10",
        "  warmupSteps: 2",
        "  batchSize: 8",
        "  maxLength: 32",
        "  curveSizes: []",
        "  curveSteps: 5",
        "eval:",
        "  maxValSequences: 16",
        "  clozeItems: 10",
        ""));
    return cfg;
  }
}
