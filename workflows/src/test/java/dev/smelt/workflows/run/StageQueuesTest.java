package dev.smelt.workflows.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smelt.settings.PretrainConfig;
import dev.smelt.settings.RunConfig;
import dev.smelt.settings.WorkerQueue;
import dev.smelt.workflows.stage.BaselinesResult;
import dev.smelt.workflows.stage.BaselinesResults;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.FinetuneResult;
import dev.smelt.workflows.stage.FinetuneResults;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.StopReason;
import dev.smelt.workflows.stage.TaskEval;
import dev.smelt.workflows.stage.TokenizerResult;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which task queue each stage's activity is scheduled on: every stage on smelt-cpu for
 * {@code pretrain.queue: cpu}; pre-training, fine-tuning and baselines on smelt-gpu for gpu.
 * Both queues are polled by workers answering from fixed results, each noting the queue it ran on.
 */
@Timeout(120)
class StageQueuesTest {
  private TestWorkflowEnvironment env;
  private final Map<Stage, String> ranOn = new ConcurrentHashMap<>();

  @BeforeEach
  void startWorkers() {
    env = TestWorkflowEnvironment.newInstance();
    WorkerOptions options =
        WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build();
    Worker cpu = env.newWorker(WorkerQueue.CPU.taskQueue(), options);
    cpu.registerWorkflowImplementationTypes(TrainingRunImpl.class);
    cpu.registerActivitiesImplementations(new NothingCached(), new Light(), new Training());
    env.newWorker(WorkerQueue.GPU.taskQueue(), options)
        .registerActivitiesImplementations(new Training());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void queueCpuSchedulesEveryStageOnSmeltCpu() {
    run(WorkerQueue.CPU);
    for (Stage s : Stage.values()) {
      assertEquals("smelt-cpu", ranOn.get(s), s.id());
    }
  }

  @Test
  void queueGpuSchedulesTheTrainingStagesOnSmeltGpuAndTheRestOnSmeltCpu() {
    run(WorkerQueue.GPU);
    assertEquals(Map.of(Stage.DATA, "smelt-cpu", Stage.TOKENIZER, "smelt-cpu",
        Stage.PRETRAIN, "smelt-gpu", Stage.FINETUNE, "smelt-gpu", Stage.BASELINES, "smelt-gpu",
        Stage.EVALUATE, "smelt-cpu", Stage.REPORT, "smelt-cpu"), Map.copyOf(ranOn));
  }

  private void run(WorkerQueue queue) {
    RunConfig config = new RunConfig("x", 1, null, null, null,
        new PretrainConfig("causal", 1, 1, 1e-3, 0, 0, 0, 0, 1, 0, 0, 1, 8, 1, 0, 0, 0, 0, 0.15,
            "cpu", queue, PretrainConfig.NO_INIT), null, null);
    env.getWorkflowClient().newWorkflowStub(TrainingRun.class,
        WorkflowOptions.newBuilder().setTaskQueue(WorkerQueue.CPU.taskQueue()).build())
        .run(new StageInput("r1", "/runs/r1", config));
  }

  private void note(Stage stage) {
    ranOn.put(stage, Activity.getExecutionContext().getInfo().getActivityTaskQueue());
  }

  /** The stages that never leave the CPU queue. */
  private final class Light implements StageActivities.Data, StageActivities.Tokenizer,
      StageActivities.Evaluate, StageActivities.Report {
    @Override
    public DataResult prepare(StageInput in) {
      note(Stage.DATA);
      return new DataResult(10, 8, 2, 800, List.of(), 1.0);
    }

    @Override
    public TokenizerResult train(StageInput in) {
      note(Stage.TOKENIZER);
      return new TokenizerResult(512, 7, 1, 7000, 1000, "/runs/r1/tokenizer/tokenizer.json", 2.0);
    }

    @Override
    public EvalResult evaluate(StageInput in) {
      note(Stage.EVALUATE);
      return new EvalResult(3.3, 27.1, 4.2, 1000,
          List.of(new TaskEval("sentiment", 0.8, 10, 0.5, List.of())), Double.NaN, 0, List.of(), Double.NaN, List.of(), null, Double.NaN, Double.NaN, 6.0);
    }

    @Override
    public String write(StageInput in, RunSummary summary) {
      note(Stage.REPORT);
      return "/runs/r1/report.html";
    }
  }

  /** The stages {@code pretrain.queue} moves. */
  private final class Training implements StageActivities.Pretrain, StageActivities.Finetune,
      StageActivities.Baselines {
    @Override
    public PretrainResult pretrain(StageInput in) {
      note(Stage.PRETRAIN);
      return new PretrainResult(100, 6.2, 3.1, 3.3, 51200, 900.0, 123456, 0,
          "/runs/r1/pretrain/final", 3.0, StopReason.MAX_STEPS);
    }

    @Override
    public FinetuneResults finetune(StageInput in) {
      note(Stage.FINETUNE);
      return new FinetuneResults(List.of(new FinetuneResult("sentiment", 50, 0.7, 0.4, 40, 10,
          "/runs/r1/finetune/sentiment", 4.0)));
    }

    @Override
    public BaselinesResults baselines(StageInput in) {
      note(Stage.BASELINES);
      return new BaselinesResults(List.of(new BaselinesResult("sentiment",
          "/runs/r1/baselines/sentiment/scratch/final", "/runs/r1/baselines/sentiment/bow.json",
          List.of(), 5.0)));
    }
  }
}
