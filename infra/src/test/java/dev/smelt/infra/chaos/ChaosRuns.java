package dev.smelt.infra.chaos;

import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.infra.progress.RunWatcher;
import dev.smelt.infra.progress.StageSnapshot;
import dev.smelt.settings.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** The tiny run that interrupted-run tests start, and how they watch it. */
public final class ChaosRuns {
  public static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  private ChaosRuns() {}

  /**
   * What varies between the interrupted-run tests' configs: the run's name and seed, the model's
   * width (d_model and context length), pre-training's steps, and how often it logs, validates and
   * checkpoints (fine-tuning checkpoints as often), and fine-tuning's steps.
   */
  public record Shape(String name, int seed, int width, int steps, int logEvery, int evalEvery,
      int checkpointEvery, int finetuneSteps) {
    /** 10 fine-tuning steps. */
    public Shape(String name, int seed, int width, int steps, int logEvery, int evalEvery,
        int checkpointEvery) {
      this(name, seed, width, steps, logEvery, evalEvery, checkpointEvery, 10);
    }

    /** The tiny run (seed 11, d 64, context 64, logged every 10 steps, validated every 60). */
    public static Shape of(String name, int steps, int checkpointEvery) {
      return new Shape(name, 11, 64, steps, 10, 60, checkpointEvery);
    }

    public Shape withFinetuneSteps(int finetuneSteps) {
      return new Shape(name, seed, width, steps, logEvery, evalEvery, checkpointEvery,
          finetuneSteps);
    }
  }

  /** Writes the tiny run's config (2 layers, d 64, context 64, batch 8) to {@code file}. */
  public static Path config(Path file, String name, int steps, int checkpointEvery)
      throws IOException {
    return config(file, Shape.of(name, steps, checkpointEvery));
  }

  /** Creates {@code dir}, writes {@code shape}'s config there as NAME.yaml and loads it. */
  public static RunConfig load(Path dir, Shape shape) throws IOException {
    Files.createDirectories(dir);
    return ConfigLoader.load(config(dir.resolve(shape.name() + ".yaml"), shape));
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
        "  steps: " + shape.finetuneSteps(),
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

  /**
   * Returns once {@code condition} holds, polled every 10 ms within 5 minutes (a run folder's
   * files, read as the work writes them).
   */
  public static void awaitFiles(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(10); // polling the run folder, not standing in for work
    }
    throw new AssertionError("the run folder did not show " + what + " within 5 minutes");
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
