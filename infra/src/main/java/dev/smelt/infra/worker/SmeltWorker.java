package dev.smelt.infra.worker;

import dev.smelt.activities.stage.DataActivity;
import dev.smelt.activities.stage.EvaluateActivity;
import dev.smelt.activities.stage.BaselinesActivity;
import dev.smelt.activities.stage.FinetuneActivity;
import dev.smelt.activities.stage.MarkRunActivity;
import dev.smelt.activities.stage.PretrainActivity;
import dev.smelt.activities.stage.ReportActivity;
import dev.smelt.activities.stage.StageCacheActivity;
import dev.smelt.activities.stage.TokenizerActivity;
import dev.smelt.activities.stage.WorkerShutdown;
import dev.smelt.settings.RunConfig;
import dev.smelt.settings.WorkerQueue;
import dev.smelt.workflows.run.TrainingRunImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * A worker polling Smelt's task queues: on smelt-cpu the workflows and every stage activity, on
 * smelt-gpu the training stages' activities only (pre-training, fine-tuning, baselines).
 */
public final class SmeltWorker implements AutoCloseable {
  /** Training's time to finish its step and write the checkpoint, on SIGTERM. */
  private static final Duration TRAINING_STOP = Duration.ofSeconds(3);
  /** Then the worker's time to tell the server the activity stopped. */
  private static final Duration REPORT_FAILURE = Duration.ofSeconds(1);

  private final WorkerFactory factory;

  private SmeltWorker(WorkerFactory factory) {
    this.factory = factory;
  }

  /**
   * Starts polling {@code queue}. {@code activitySlots} bounds how many heavy activities run at
   * once in this process: training wants the cores to itself. Activities write only in run
   * folders directly inside {@code runsRoot} and refuse any other a workflow names.
   */
  public static SmeltWorker start(WorkflowClient client, String queue, int activitySlots,
      Path runsRoot) {
    return start(client, loggingFailures(), runsRoot,
        (factory, runs) -> registerAll(newWorker(factory, queue, activitySlots), runs));
  }

  /**
   * Starts polling the task queues of {@code queues} (`smelt worker --queues cpu,gpu`), each with
   * {@code activitySlots} activities at once.
   */
  public static SmeltWorker start(WorkflowClient client, Set<WorkerQueue> queues,
      int activitySlots, Path runsRoot) {
    return start(client, loggingFailures(), runsRoot,
        (factory, runs) -> registerQueues(factory, queues, activitySlots, runs));
  }

  /** A worker's own line per permanently failed activity ({@link PermanentFailureLog}). */
  private static WorkerFactoryOptions loggingFailures() {
    return WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new PermanentFailureLog())
        .build();
  }

  /** Makes the factory, lets {@code workers} add theirs over the normalized runs root, starts it. */
  private static SmeltWorker start(WorkflowClient client, WorkerFactoryOptions options,
      Path runsRoot, BiConsumer<WorkerFactory, Path> workers) {
    WorkerFactory factory = WorkerFactory.newInstance(client, options);
    workers.accept(factory, runsRoot.toAbsolutePath().normalize());
    factory.start();
    return new SmeltWorker(factory);
  }

  /** A worker per queue kind: on cpu everything, on gpu the training stages' activities. */
  private static void registerQueues(WorkerFactory factory, Set<WorkerQueue> queues,
      int activitySlots, Path runs) {
    for (WorkerQueue q : new TreeSet<>(queues)) {
      Worker worker = newWorker(factory, q.taskQueue(), activitySlots);
      if (q == WorkerQueue.CPU) {
        registerAll(worker, runs);
      } else {
        worker.registerActivitiesImplementations(new PretrainActivity(runs),
            new FinetuneActivity(runs), new BaselinesActivity(runs));
      }
    }
  }

  private static Worker newWorker(WorkerFactory factory, String queue, int activitySlots) {
    return factory.newWorker(
        queue,
        WorkerOptions.newBuilder()
            // Without this a workflow stays pinned to a dead worker's sticky queue (DESIGN.md).
            .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
            .setMaxConcurrentActivityExecutionSize(activitySlots)
            // DESIGN.md: heartbeats leave at least every second, so a retry loses little.
            .setMaxHeartbeatThrottleInterval(Duration.ofSeconds(1))
            .setDefaultHeartbeatThrottleInterval(Duration.ofSeconds(1))
            .build());
  }

  /** The workflows and every stage activity: what a CPU worker (or a `--queue NAME` one) runs. */
  private static void registerAll(Worker worker, Path runs) {
    worker.registerWorkflowImplementationTypes(TrainingRunImpl.class);
    ScheduleWorkflows.register(worker, runs);
    worker.registerActivitiesImplementations(
        new StageCacheActivity(runs),
        new DataActivity(runs),
        new TokenizerActivity(runs),
        new PretrainActivity(runs),
        new FinetuneActivity(runs),
        new BaselinesActivity(runs),
        new EvaluateActivity(runs),
        new ReportActivity(runs),
        new MarkRunActivity(runs));
  }

  /**
   * Starts a worker inside `smelt run` with one activity slot, polling every queue the run
   * {@code config} uses (smelt-gpu too when {@code pretrain.queue: gpu}): that command prints a
   * failed run's one line itself, so this worker does not log it a second time.
   */
  public static SmeltWorker startDefault(WorkflowClient client, Path runsRoot, RunConfig config) {
    return start(client, WorkerFactoryOptions.getDefaultInstance(), runsRoot,
        (factory, runs) -> registerQueues(factory, queuesOf(config), 1, runs));
  }

  /** The queues a run of {@code config} schedules activities on. */
  public static Set<WorkerQueue> queuesOf(RunConfig config) {
    EnumSet<WorkerQueue> queues = EnumSet.of(WorkerQueue.CPU);
    if (config.pretrain().queue() != null) {
      queues.add(config.pretrain().queue());
    }
    return queues;
  }

  /** The task queues this worker polls, in queue order. */
  public List<String> taskQueues() {
    return Arrays.stream(WorkerQueue.values()).map(WorkerQueue::taskQueue)
        .filter(q -> {
          try {
            return factory.getWorker(q) != null;
          } catch (IllegalArgumentException none) {
            return false;
          }
        })
        .toList();
  }

  /**
   * What SIGTERM does to a worker (a shutdown hook calls this): training checkpoints the step it
   * is at and stops, its activity fails so that another worker resumes it from that checkpoint,
   * then the worker stops polling. Well inside the smallest heartbeat timeout a config may set
   * (4 s), so the failure reaches the server before a timeout would retry the stage elsewhere.
   *
   * @return a line for the worker's log: how long the stop took
   */
  public String shutDownCheckpointing() {
    long t0 = System.nanoTime();
    boolean stopped;
    try {
      stopped = WorkerShutdown.stopTraining(TRAINING_STOP);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = false;
    }
    long trainingMs = (System.nanoTime() - t0) / 1_000_000;
    factory.shutdown(); // the stopped activity's failure is reported on the way out
    factory.awaitTermination(REPORT_FAILURE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    return stopped
        ? "smelt: worker stopping: training checkpointed and stopped in " + trainingMs + " ms"
        : "smelt: worker stopping: training did not stop within " + TRAINING_STOP.toSeconds()
            + " s; its activity resumes elsewhere from the previous checkpoint";
  }

  /** Blocks until the worker is shut down. */
  public void awaitTermination() {
    factory.awaitTermination(Long.MAX_VALUE, java.util.concurrent.TimeUnit.DAYS);
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
