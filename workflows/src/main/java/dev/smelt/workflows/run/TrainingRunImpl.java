package dev.smelt.workflows.run;

import dev.smelt.workflows.stage.BaselinesResult;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.FinetuneResult;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TokenizerResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Reads like the data flow of DESIGN.md: one activity per stage, nothing else. */
public class TrainingRunImpl implements TrainingRun {
  private int completed;

  @Override
  public RunSummary run(StageInput in) {
    Duration heartbeat = Duration.ofSeconds(in.config().pretrain().heartbeatTimeoutSeconds());

    DataResult data = stub(StageActivities.Data.class, Duration.ofHours(6), heartbeat).prepare(in);
    completed++;
    TokenizerResult tokenizer =
        stub(StageActivities.Tokenizer.class, Duration.ofHours(6), heartbeat).train(in);
    completed++;
    PretrainResult pretrain =
        stub(StageActivities.Pretrain.class, Duration.ofDays(14), heartbeat).pretrain(in);
    completed++;
    FinetuneResult finetune =
        stub(StageActivities.Finetune.class, Duration.ofDays(2), heartbeat).finetune(in);
    completed++;
    BaselinesResult baselines =
        stub(StageActivities.Baselines.class, Duration.ofDays(2), heartbeat).baselines(in);
    completed++;
    EvalResult eval =
        stub(StageActivities.Evaluate.class, Duration.ofHours(6), heartbeat).evaluate(in);
    completed++;
    RunSummary summary =
        new RunSummary(in.runId(), in.runDir(), data, tokenizer, pretrain, finetune, baselines, eval, null);
    String report =
        stub(StageActivities.Report.class, Duration.ofMinutes(30), heartbeat).write(in, summary);
    completed++;
    return new RunSummary(
        in.runId(), in.runDir(), data, tokenizer, pretrain, finetune, baselines, eval, report);
  }

  @Override
  public RunStatus status() {
    int n = RunStatus.STAGES.size();
    return new RunStatus(
        RunStatus.STAGES, completed, completed < n ? RunStatus.STAGES.get(completed) : "done");
  }

  /**
   * Every stage heartbeats, so a dead worker is noticed after {@code heartbeat}; a retry resumes
   * from the stage's own checkpoints. Bad input (a config the activity cannot use) is not retried.
   */
  private static <T> T stub(Class<T> activity, Duration startToClose, Duration heartbeat) {
    return Workflow.newActivityStub(
        activity,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(startToClose)
            .setHeartbeatTimeout(heartbeat)
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofMillis(500))
                    .setMaximumInterval(Duration.ofSeconds(10))
                    .setMaximumAttempts(20)
                    .setDoNotRetry(IllegalArgumentException.class.getName(), PermanentFailure.TYPE)
                    .build())
            .build());
  }
}
