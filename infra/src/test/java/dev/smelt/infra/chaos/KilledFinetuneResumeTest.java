package dev.smelt.infra.chaos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.checkpoint.CheckpointStore;
import dev.smelt.activities.finetune.Finetuner;
import dev.smelt.activities.pretrain.MetricsLog;
import dev.smelt.activities.stage.UninterruptedStages;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.run.RunStatus;
import dev.smelt.workflows.stage.StageInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Chaos: the worker (its own JVM) is killed with SIGKILL once fine-tuning has written a
 * checkpoint; a fresh worker takes over. The retried attempt must continue from that checkpoint
 * (saying so, with the steps it trains again), and the fine-tuned weights, the test predictions
 * and every logged fine-tuning loss must equal those of the same fine-tuning run uninterrupted on
 * the same pre-trained model. The run is stopped after fine-tuning. Tagged "chaos".
 */
@Tag("chaos")
class KilledFinetuneResumeTest {
  static final String TASK = "sentiment"; // finetune.task's default
  static final int FINETUNE_STEPS = 120;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RESUMED = Pattern.compile("fine-tuning of task " + TASK
      + " resumes from (\\S+/step-(\\d{8})); (\\d+) steps redone");

  /** Kept after the test (under target/) so the worker logs of a failed run can be read. */
  final Path dir = Path.of("target", "chaos-finetune-" + System.currentTimeMillis())
      .toAbsolutePath();

  @Test
  void workerKilledDuringFinetuningResumesFromItsCheckpointToTheUninterruptedModel()
      throws Exception {
    // 20 pre-training steps; fine-tuning checkpoints every 10 of its 120.
    RunConfig cfg = ChaosRuns.load(dir,
        ChaosRuns.Shape.of("chaos-finetune", 20, 10).withFinetuneSteps(FINETUNE_STEPS));
    Path runDir = dir.resolve("chaos-finetune");
    Path task = runDir.resolve("finetune").resolve(TASK);
    int loggedAtKill;
    try (ChaosRun chaos = ChaosRun.withWorker(dir)) {
      String workflowId = "smelt-chaos-finetune";
      chaos.execute(workflowId, "chaos-finetune", runDir, cfg);

      ChaosRuns.awaitFiles("a fine-tuning checkpoint", () -> goodCheckpoint(task));
      chaos.replaceWorker("worker-1.log");
      loggedAtKill = MetricsLog.lastStep(task.resolve("metrics.jsonl"));
      assertFalse(Files.exists(task.resolve(Finetuner.OUTCOME)), "killed before fine-tuning ended");
      System.out.printf("chaos-finetune: killed the worker at logged fine-tuning step %d%n",
          loggedAtKill);

      ChaosRuns.await(chaos.probe(), workflowId,
          s -> s.completed() > RunStatus.STAGES.indexOf("finetune"));
      chaos.terminate(workflowId, "chaos-finetune: fine-tuning is done");
    }

    Matcher resumed = RESUMED.matcher(Files.readString(dir.resolve("worker-1.log")));
    assertTrue(resumed.find(), "the retried attempt says where it resumes; see "
        + dir.resolve("worker-1.log"));
    int from = Integer.parseInt(resumed.group(2));
    int redone = Integer.parseInt(resumed.group(3));
    System.out.printf("chaos-finetune: resumed from step %d of %d; %d steps redone (killed after "
        + "logged step %d)%n", from, FINETUNE_STEPS, redone, loggedAtKill);
    assertTrue(from > 0 && from <= loggedAtKill, "resumed from a checkpoint at or before the kill");
    assertTrue(redone >= loggedAtKill - from, "steps redone counts at least those logged past it");

    Path baseline = dir.resolve("uninterrupted");
    copy(runDir.resolve("tokenizer/tokenizer.json"), baseline.resolve("tokenizer/tokenizer.json"));
    for (Path f : files(runDir.resolve("pretrain/final")).values()) {
      copy(f, baseline.resolve("pretrain/final").resolve(f.getFileName()));
    }
    UninterruptedStages.finetune(new StageInput("uninterrupted", baseline.toString(), cfg));
    Path once = baseline.resolve("finetune").resolve(TASK);

    assertEquals(Uninterrupted.losses(once.resolve("metrics.jsonl")),
        Uninterrupted.losses(task.resolve("metrics.jsonl")),
        "every logged fine-tuning loss of the killed and resumed run equals the uninterrupted's");
    assertEquals(outcome(once), outcome(task), "the same test predictions and accuracy");
    Map<String, Path> weights = files(once.resolve("final"));
    assertEquals(weights.keySet(), files(task.resolve("final")).keySet());
    for (Map.Entry<String, Path> f : weights.entrySet()) {
      assertArrayEquals(Files.readAllBytes(f.getValue()),
          Files.readAllBytes(task.resolve("final").resolve(f.getKey())),
          "finetune/" + TASK + "/final/" + f.getKey() + " after a kill equals the uninterrupted one");
    }
  }

  private static boolean goodCheckpoint(Path task) {
    Path checkpoints = task.resolve("checkpoints");
    if (!Files.isDirectory(checkpoints)) {
      return false;
    }
    try (Stream<Path> dirs = Files.list(checkpoints)) {
      return dirs.filter(d -> d.getFileName().toString().matches("step-\\d{8}"))
          .anyMatch(d -> CheckpointStore.problem(d).isEmpty());
    } catch (IOException listedWhileWritten) {
      return false;
    }
  }

  /** outcome.json's predictions, accuracy and losses: what does not depend on the clock. */
  private static List<JsonNode> outcome(Path task) throws IOException {
    JsonNode o = JSON.readTree(task.resolve(Finetuner.OUTCOME).toFile());
    JsonNode result = o.get("value"); // KeyedResult: {key, value}
    return List.of(result.get("testPredictions"), result.get("accuracy"), result.get("firstLoss"),
        result.get("lastLoss"));
  }

  private static Map<String, Path> files(Path folder) throws IOException {
    Map<String, Path> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(folder)) {
      s.filter(Files::isRegularFile).forEach(f -> out.put(f.getFileName().toString(), f));
    }
    return out;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
  }
}
