package dev.smelt.workflows.run;

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
  private int completed;
  private CachedStages stages;

  @Override
  public RunSummary run(StageInput in) {
    Duration heartbeat = Duration.ofSeconds(in.config().pretrain().heartbeatTimeoutSeconds());
    // Fingerprinting hashes the inputs (new or changed files only) and heartbeats as it goes.
    stages = new CachedStages(in, options(Duration.ofHours(6), heartbeat));

    DataResult data = stage(Stage.DATA, DataResult.class,
        () -> stub(StageActivities.Data.class, Duration.ofHours(6), heartbeat).prepare(in));
    TokenizerResult tokenizer = stage(Stage.TOKENIZER, TokenizerResult.class,
        () -> stub(StageActivities.Tokenizer.class, Duration.ofHours(6), heartbeat).train(in));
    PretrainResult pretrain = stage(Stage.PRETRAIN, PretrainResult.class,
        () -> stub(StageActivities.Pretrain.class, Duration.ofDays(14), heartbeat).pretrain(in));
    FinetuneResults finetune = stage(Stage.FINETUNE, FinetuneResults.class,
        () -> stub(StageActivities.Finetune.class, Duration.ofDays(2), heartbeat).finetune(in));
    BaselinesResults baselines = stage(Stage.BASELINES, BaselinesResults.class,
        () -> stub(StageActivities.Baselines.class, Duration.ofDays(2), heartbeat).baselines(in));
    EvalResult eval = stage(Stage.EVALUATE, EvalResult.class,
        () -> stub(StageActivities.Evaluate.class, Duration.ofHours(6), heartbeat).evaluate(in));
    RunSummary summary = new RunSummary(in.runId(), in.runDir(), data, tokenizer, pretrain,
        finetune, baselines, eval, null, stages.cached());
    String report =
        stub(StageActivities.Report.class, Duration.ofMinutes(30), heartbeat).write(in, summary);
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
   * Every stage heartbeats, so a dead worker is noticed after {@code heartbeat}; a retry resumes
   * from the stage's own checkpoints. Bad input (a config the activity cannot use) is not retried.
   */
  private static <T> T stub(Class<T> activity, Duration startToClose, Duration heartbeat) {
    return Workflow.newActivityStub(activity, options(startToClose, heartbeat));
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
