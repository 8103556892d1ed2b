package dev.smelt.workflows.replay;

import dev.smelt.workflows.run.TrainingRun;
import dev.smelt.workflows.run.TrainingRunImpl;
import dev.smelt.workflows.schedule.RetrainScheduleImpl;
import dev.smelt.workflows.schedule.ScheduledRunImpl;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Today's workflow code replays the committed histories of yesterday's, so a change that would
 * break a run in flight (a 14-day pre-training, a schedule living for months) fails the build.
 * A deliberate change goes behind {@code Workflow.getVersion}, and the histories are recorded
 * afresh with {@link ReplayHistories}.
 */
class WorkflowReplayTest {
  private static final String DIR = "replay/";
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void close() {
    env.close();
  }

  /** The first replayed task loads many classes; on a busy machine that is no deadlock. */
  private void replay(String resource, Class<?> workflow) throws Exception {
    Worker worker = env.newWorker(TrainingRun.CPU_QUEUE,
        WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build());
    worker.registerWorkflowImplementationTypes(workflow);
    WorkflowReplayer.replayWorkflowExecutionFromResource(DIR + resource, worker);
  }

  @Test
  void trainingRunReplaysItsCommittedHistory() throws Exception {
    replay(ReplayHistories.TRAINING_RUN, TrainingRunImpl.class);
  }

  @Test
  void scheduledRunReplaysItsCommittedHistory() throws Exception {
    replay(ReplayHistories.SCHEDULED_RUN, ScheduledRunImpl.class);
  }

  @Test
  void retrainScheduleReplaysFourDaysOfFiresAPauseATriggerAndADelete() throws Exception {
    replay(ReplayHistories.RETRAIN_SCHEDULE, RetrainScheduleImpl.class);
  }
}
