package dev.smelt.infra.worker;

import dev.smelt.activities.log.StageLog;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageCheck;
import dev.smelt.workflows.stage.StageInput;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs an activity's permanent failure as one line, tagged with its run and stage. The SDK logs it
 * only at debug (it is benign): a stack trace would say nothing the message does not, and it is
 * not retried.
 */
final class PermanentFailureLog extends WorkerInterceptorBase {
  private static final Logger log = LoggerFactory.getLogger(SmeltWorker.class);

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (ApplicationFailure f) {
          if (PermanentFailure.TYPE.equals(f.getType())) {
            ActivityInfo info = context.getInfo();
            try (StageLog.Scope tags = tags(info, input.getArguments())) {
              log.warn("{}: activity {} failed permanently (attempt {}, not retried): {}",
                  info.getWorkflowId(), info.getActivityType(), info.getAttempt(),
                  f.getOriginalMessage());
            }
          }
          throw f;
        }
      }
    };
  }

  /**
   * The run and stage the line is about, as the stage shell tagged the attempt's own lines (the
   * shell's tags are gone once the activity has thrown): the run of its {@link StageInput}
   * argument; the stage it names (a stage cache activity's {@link Stage} or {@link StageCheck}),
   * else the stage of its activity type, else the activity type.
   */
  private static StageLog.Scope tags(ActivityInfo info, Object[] args) {
    String run = info.getWorkflowId();
    String stage = Stage.ofActivityType(info.getActivityType()).map(Stage::id)
        .orElse(info.getActivityType());
    for (Object a : args) {
      if (a instanceof StageInput in) {
        run = in.runId();
      } else if (a instanceof Stage s) {
        stage = s.id();
      } else if (a instanceof StageCheck c && c.stage() != null) {
        stage = c.stage().id();
      }
    }
    return StageLog.enter(run, stage);
  }
}
