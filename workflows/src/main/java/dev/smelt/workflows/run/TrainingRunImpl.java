package dev.smelt.workflows.run;

import dev.smelt.workflows.config.WorkerQueue;
import dev.smelt.workflows.stage.BaselinesResult;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.FinetuneResult;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TokenizerResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads like the data flow of DESIGN.md: one activity per stage, each behind the stage cache
 * (a stage whose fingerprint matches a finished one is not run again). The report always runs:
 * it is cheap and tells which stages were cached.
 */
public class TrainingRunImpl implements TrainingRun {
  /** Version of {@link #queues}: before it every activity went to smelt-cpu. */
  static final String QUEUES_CHANGE = "stage-queues";

  private int completed;
  private CachedStages stages;
  private WorkerQueue training = WorkerQueue.CPU;
  private Duration heartbeat;

  @Override
  public RunSummary run(StageInput in) {
    heartbeat = Duration.ofSeconds(in.config().pretrain().heartbeatTimeoutSeconds());
    training = queues(in);
    // Fingerprinting hashes the inputs (new or changed files only) and heartbeats as it goes.
    stages = new CachedStages(in, options(Duration.ofHours(6), heartbeat));

    DataResult data = stage(Stage.DATA, DataResult.class,
        () -> stub(StageActivities.Data.class, Stage.DATA, Duration.ofHours(6)).prepare(in));
    TokenizerResult tokenizer = stage(Stage.TOKENIZER, TokenizerResult.class,
        () -> stub(StageActivities.Tokenizer.class, Stage.TOKENIZER, Duration.ofHours(6))
            .train(in));
    PretrainResult pretrain = stage(Stage.PRETRAIN, PretrainResult.class,
        () -> stub(StageActivities.Pretrain.class, Stage.PRETRAIN, Duration.ofDays(14))
            .pretrain(in));
    FinetuneResult finetune = stage(Stage.FINETUNE, FinetuneResult.class,
        () -> stub(StageActivities.Finetune.class, Stage.FINETUNE, Duration.ofDays(2))
            .finetune(in));
    BaselinesResult baselines = stage(Stage.BASELINES, BaselinesResult.class,
        () -> stub(StageActivities.Baselines.class, Stage.BASELINES, Duration.ofDays(2))
            .baselines(in));
    EvalResult eval = stage(Stage.EVALUATE, EvalResult.class,
        () -> stub(StageActivities.Evaluate.class, Stage.EVALUATE, Duration.ofHours(6))
            .evaluate(in));
    RunSummary summary = new RunSummary(in.runId(), in.runDir(), data, tokenizer, pretrain,
        finetune, baselines, eval, null, stages.cached());
    String report =
        stub(StageActivities.Report.class, Stage.REPORT, Duration.ofMinutes(30)).write(in, summary);
    completed++;
    return summary.withReportPath(report);
  }

  private <T> T stage(Stage stage, Class<T> type, Supplier<T> body) {
    T result = stages.run(stage, type, body);
    completed++;
    return result;
  }

  @Override
  public RunStatus status() {
    int n = RunStatus.STAGES.size();
    return new RunStatus(RunStatus.STAGES, completed,
        completed < n ? RunStatus.STAGES.get(completed) : "done",
        stages == null ? List.of() : stages.cached());
  }

  /**
   * The training stages' queue: {@code pretrain.queue}, for runs started since stages had queues
   * (a history from before replays with every activity on smelt-cpu, as it ran).
   */
  private static WorkerQueue queues(StageInput in) {
    int version = Workflow.getVersion(QUEUES_CHANGE, Workflow.DEFAULT_VERSION, 1);
    return version == Workflow.DEFAULT_VERSION ? WorkerQueue.CPU : in.config().pretrain().queue();
  }

  /**
   * Every stage heartbeats, so a dead worker is noticed after {@code heartbeat}; a retry resumes
   * from the stage's own checkpoints. Bad input (a config the activity cannot use) is not retried.
   * A training stage goes to smelt-gpu when the run asks for it; every other activity stays on
   * the workflow's own task queue (smelt-cpu, or the one a test or `--queue` names).
   */
  private <T> T stub(Class<T> activity, Stage stage, Duration startToClose) {
    ActivityOptions.Builder options = ActivityOptions.newBuilder(options(startToClose, heartbeat));
    if (WorkerQueue.of(stage, training) == WorkerQueue.GPU) {
      options.setTaskQueue(WorkerQueue.GPU.taskQueue());
    }
    return Workflow.newActivityStub(activity, options.build());
  }

  private static ActivityOptions options(Duration startToClose, Duration heartbeat) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(heartbeat)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(500))
                .setMaximumInterval(Duration.ofSeconds(10))
                .setMaximumAttempts(20)
                .setDoNotRetry(IllegalArgumentException.class.getName(), PermanentFailure.TYPE)
                .build())
        .build();
  }
}
