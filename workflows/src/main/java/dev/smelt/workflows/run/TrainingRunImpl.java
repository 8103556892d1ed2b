package dev.smelt.workflows.run;

import dev.smelt.settings.WorkerQueue;
import dev.smelt.workflows.stage.BaselinesResults;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.FinetuneResults;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TokenizerResult;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Reads like the data flow of DESIGN.md: one activity per stage, each behind the stage cache
 * (a stage whose fingerprint matches a finished one is not run again). The report always runs:
 * it is cheap and tells which stages were cached.
 */
public class TrainingRunImpl implements TrainingRun {
  /** Version of {@link #queues}: before it every activity went to smelt-cpu. */
  static final String QUEUES_CHANGE = "stage-queues";

  private final PauseSwitch pause = new PauseSwitch();
  private int completed;
  private CachedStages stages;
  private WorkerQueue training = WorkerQueue.CPU;
  private Duration heartbeat;

  @Override
  public RunSummary run(StageInput in) {
    try {
      return stages(in);
    } catch (CanceledFailure | ActivityFailure e) {
      if (!CancellationScope.current().isCancelRequested()) {
        throw e;
      }
      // `smelt cancel`: the stage has stopped (training checkpointed); mark the folder, then end.
      Workflow.newDetachedCancellationScope(() -> stub(StageActivities.MarkRun.class,
          Stage.REPORT, Duration.ofMinutes(5)).cancelled(in, status().current())).run();
      throw e instanceof CanceledFailure c ? c : new CanceledFailure("run " + in.runId()
          + " cancelled");
    }
  }

  private RunSummary stages(StageInput in) {
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
    FinetuneResults finetune = stage(Stage.FINETUNE, FinetuneResults.class,
        () -> stub(StageActivities.Finetune.class, Stage.FINETUNE, Duration.ofDays(2))
            .finetune(in));
    BaselinesResults baselines = stage(Stage.BASELINES, BaselinesResults.class,
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
    T result = stages.run(stage, type, () -> pause.run(stage, body, TrainingRunImpl::stoppedAt));
    completed++;
    return result;
  }

  /** The step a pre-training result stopped at on request (a pause); empty for any other. */
  private static OptionalInt stoppedAt(Object result) {
    return result instanceof PretrainResult p && p.stopped() ? OptionalInt.of(p.steps())
        : OptionalInt.empty();
  }

  @Override
  public void pause() {
    pause.pause();
  }

  @Override
  public void unpause() {
    pause.unpause();
  }

  @Override
  public RunStatus status() {
    int n = RunStatus.STAGES.size();
    return new RunStatus(RunStatus.STAGES, completed,
        completed < n ? RunStatus.STAGES.get(completed) : "done",
        stages == null ? List.of() : stages.cached(), pause.requested(), pause.pausedAt());
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
    if (stage.queue(training) == WorkerQueue.GPU) {
      options.setTaskQueue(WorkerQueue.GPU.taskQueue());
    }
    return Workflow.newActivityStub(activity, options.build());
  }

  private static ActivityOptions options(Duration startToClose, Duration heartbeat) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(heartbeat)
        // A pause or cancel waits for the stage to stop: training checkpoints before it returns.
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
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
