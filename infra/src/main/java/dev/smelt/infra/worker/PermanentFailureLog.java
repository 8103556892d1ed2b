package dev.smelt.infra.worker;

import dev.smelt.workflows.stage.PermanentFailure;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs an activity's permanent failure as one line. The SDK logs it only at debug (it is benign):
 * a stack trace would say nothing the message does not, and it is not retried.
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
            log.warn("{}: activity {} failed permanently (attempt {}, not retried): {}",
                info.getWorkflowId(), info.getActivityType(), info.getAttempt(),
                f.getOriginalMessage());
          }
          throw f;
        }
      }
    };
  }
}
