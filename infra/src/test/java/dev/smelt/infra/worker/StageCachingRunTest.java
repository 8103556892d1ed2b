package dev.smelt.infra.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.stage.StageCacheActivity;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.run.TrainingRunImpl;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TrainingRun with the real stage cache over a real run folder, the stages themselves fakes that
 * write their outputs (FakeStages): what is cached, what reruns, in seconds.
 */
class StageCachingRunTest {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final List<Stage> ALL = List.of(Stage.values());

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private FakeStages stages;
  private Path runs;
  private Path corpus;
  private int runsStarted;

  @BeforeEach
  void start() throws Exception {
    runs = dir.resolve("runs");
    corpus = dir.resolve("corpus.jsonl");
    Files.copy(EXAMPLES.resolve("corpus/tiny.jsonl"), corpus);
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TrainingRun.CPU_QUEUE, WorkerOptions.newBuilder()
        .setDefaultDeadlockDetectionTimeout(10_000).build());
    worker.registerWorkflowImplementationTypes(TrainingRunImpl.class);
    stages = new FakeStages(runs.resolve("r"));
    worker.registerActivitiesImplementations(new StageCacheActivity(runs));
    worker.registerActivitiesImplementations(stages.all());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void unchangedRunIsServedFromTheCacheAndOnlyTheReportIsWrittenAgain() throws Exception {
    RunConfig cfg = config("clozeItems: 10", "steps: 30");
    RunSummary first = run(cfg, List.of());
    assertEquals(List.of(), first.cached());
    assertEquals(ALL, stages.ranSinceLastLook());

    RunSummary second = run(cfg, List.of());
    assertEquals(List.of(Stage.REPORT), stages.ranSinceLastLook());
    assertEquals(List.of("data", "tokenizer", "pretrain", "finetune", "baselines", "evaluate"),
        second.cached());
    assertEquals(first.pretrain(), second.pretrain(), "the recorded result, as it was returned");
    assertEquals(first.eval(), second.eval());
  }

  @Test
  void oneChangedInputByteWithSizeAndMtimeKeptRerunsDataAndEverythingDownstream()
      throws Exception {
    RunConfig cfg = config("clozeItems: 10", "steps: 30");
    run(cfg, List.of());
    stages.ranSinceLastLook();
    FileTime mtime = Files.getLastModifiedTime(corpus);
    byte[] bytes = Files.readAllBytes(corpus);
    bytes[bytes.length / 2] ^= 1;
    Files.write(corpus, bytes);
    Files.setLastModifiedTime(corpus, mtime);

    RunSummary again = run(cfg, List.of());
    assertEquals(ALL, stages.ranSinceLastLook());
    assertEquals(List.of(), again.cached());
  }

  @Test
  void changedEvaluationSettingRerunsOnlyEvaluationAndFinetuneSettingOnlyWhatReadsIt()
      throws Exception {
    run(config("clozeItems: 10", "steps: 30"), List.of());
    stages.ranSinceLastLook();

    run(config("clozeItems: 20", "steps: 30"), List.of());
    assertEquals(List.of(Stage.EVALUATE, Stage.REPORT), stages.ranSinceLastLook());

    RunSummary s = run(config("clozeItems: 20", "steps: 32"), List.of());
    assertEquals(List.of(Stage.FINETUNE, Stage.BASELINES, Stage.EVALUATE, Stage.REPORT),
        stages.ranSinceLastLook());
    assertEquals(List.of("data", "tokenizer", "pretrain"), s.cached());
  }

  @Test
  void forceRerunsTheNamedStageAndEveryOneAfterItClearingItsCheckpoints() throws Exception {
    RunConfig cfg = config("clozeItems: 10", "steps: 30");
    run(cfg, List.of());
    stages.ranSinceLastLook();
    stages.checkpointSeenAtStart();
    Path checkpoint = runs.resolve("r/pretrain/checkpoints/step-00000001");
    assertTrue(Files.isDirectory(checkpoint));

    RunSummary forced = run(cfg, Stage.PRETRAIN.andAfter());
    assertEquals(Stage.PRETRAIN.andAfter(), stages.ranSinceLastLook());
    assertEquals(List.of("data", "tokenizer"), forced.cached());
    assertEquals(List.of(false), stages.checkpointSeenAtStart(),
        "a forced pre-training starts afresh, not from the old checkpoint");
  }

  @Test
  void deletedOutputFileRerunsItsStageAndWhatReadsIt() throws Exception {
    RunConfig cfg = config("clozeItems: 10", "steps: 30");
    run(cfg, List.of());
    stages.ranSinceLastLook();
    Files.delete(runs.resolve("r/tokenizer/tokenizer.json"));

    run(cfg, List.of());
    assertEquals(List.of(Stage.TOKENIZER, Stage.PRETRAIN, Stage.FINETUNE, Stage.BASELINES,
        Stage.EVALUATE, Stage.REPORT), stages.ranSinceLastLook());
  }

  private RunSummary run(RunConfig cfg, List<Stage> rerun) {
    TrainingRun run = env.getWorkflowClient().newWorkflowStub(TrainingRun.class,
        WorkflowOptions.newBuilder().setWorkflowId("smelt-r-" + runsStarted++)
            .setTaskQueue(TrainingRun.CPU_QUEUE).build());
    return run.run(new StageInput("r", runs.resolve("r").toString(), cfg, rerun));
  }

  /** The tiny config on the copied corpus, with one eval and one finetune line given. */
  private RunConfig config(String evalLine, String finetuneLine) throws Exception {
    Path file = dir.resolve("cfg-" + Math.abs((evalLine + finetuneLine).hashCode()) + ".yaml");
    Files.writeString(file, String.join("\n", Arrays.asList(
        "name: cached",
        "seed: 3",
        "data:",
        "  inputs: [" + corpus + "]",
        "finetune:",
        "  inputs: [" + EXAMPLES.resolve("sentiment/yelp.jsonl") + "]",
        "  " + finetuneLine,
        "  warmupSteps: 2",
        "eval:",
        "  " + evalLine,
        "")), StandardCharsets.UTF_8);
    return ConfigLoader.load(file);
  }
}
