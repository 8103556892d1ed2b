package dev.smelt.infra.chaos;

import dev.smelt.infra.progress.RunWatcher;
import dev.smelt.infra.progress.StageSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The tiny run that interrupted-run tests start, and how they watch it. */
public final class ChaosRuns {
  public static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  private ChaosRuns() {}

  /**
   * What varies between the interrupted-run tests' configs: the run's name and seed, the model's
   * width (d_model and context length), pre-training's steps, and how often it logs, validates and
   * checkpoints.
   */
  public record Shape(String name, int seed, int width, int steps, int logEvery, int evalEvery,
      int checkpointEvery) {}

  /** Writes the tiny run's config (2 layers, d 64, context 64, batch 8) to {@code file}. */
  public static Path config(Path file, String name, int steps, int checkpointEvery)
      throws IOException {
    return config(file, new Shape(name, 11, 64, steps, 10, 60, checkpointEvery));
  }

  /** Writes a tiny run's config (2 layers, batch 8) of {@code shape} to {@code file}. */
  public static Path config(Path file, Shape shape) throws IOException {
    Files.writeString(file, String.join("\n",
        "name: " + shape.name(),
        "seed: " + shape.seed(),
        "data:",
        "  inputs: [" + EXAMPLES.resolve("corpus/tiny.jsonl") + "]",
        "  valFraction: 0.15",
        "tokenizer:",
        "  vocabSize: 600",
        "model:",
        "  preset: custom",
        "  layers: 2",
        "  heads: 2",
        "  dModel: " + shape.width(),
        "  contextLength: " + shape.width(),
        "  dropout: 0.1",
        "pretrain:",
        "  steps: " + shape.steps(),
        "  batchSize: 8",
        "  warmupSteps: 10",
        "  logEvery: " + shape.logEvery(),
        "  evalEvery: " + shape.evalEvery(),
        "  checkpointEvery: " + shape.checkpointEvery(),
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
    return file;
  }

  /** The pre-training step of the snapshot's last heartbeat; -1 outside pre-training. */
  public static long pretrainStep(StageSnapshot s) {
    return s != null && "pretrain".equals(s.stage()) && s.heartbeat() != null
        && "pretrain".equals(s.heartbeat().stage()) ? s.heartbeat().done() : -1;
  }

  /** The first snapshot of the run that meets {@code condition}, polled within 5 minutes. */
  public static StageSnapshot await(RunWatcher probe, String workflowId,
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
}
