package dev.smelt.activities.stage;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.checkpoint.CheckpointStore;
import dev.smelt.activities.checkpoint.DataFile;
import dev.smelt.activities.checkpoint.TrainingDataHashes;
import dev.smelt.activities.checkpoint.TrainingState;
import dev.smelt.activities.model.EngineThread;
import dev.smelt.activities.pretrain.InitModel;
import dev.smelt.activities.pretrain.MetricsLog;
import dev.smelt.activities.pretrain.PretrainJob;
import dev.smelt.activities.pretrain.PretrainListener;
import dev.smelt.activities.pretrain.Pretrainer;
import dev.smelt.activities.pretrain.TokenFile;
import dev.smelt.activities.pretrain.WarmStart;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TrainingProgress;
import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-trains from the token shards. A retried attempt (a dead worker, a restart) resumes from the
 * checkpoint named in the previous attempt's last heartbeat, or else the newest good one on disk.
 */
public class PretrainActivity implements StageActivities.Pretrain {
  private static final Logger log = LoggerFactory.getLogger(PretrainActivity.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path runsRoot;

  /** {@code runsRoot}: the only folder whose run folders this worker writes in. */
  public PretrainActivity(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  @Override
  public PretrainResult pretrain(StageInput in) {
    return StageShell.run(Stage.PRETRAIN, in, runsRoot, PretrainActivity::pretrain);
  }

  /**
   * The stage body: trains from the shards, resuming from the previous attempt's checkpoint. The
   * train shards are read through a token file (no corpus in the heap), validation from the head
   * of the held-out shards.
   */
  static PretrainResult pretrain(StageShell.StageContext ctx) throws IOException {
    RunFolder run = ctx.run();
    RunConfig c = ctx.input().config();
    int vocabSize = ShardData.tokenizer(run).vocabSize();
    List<DataFile> trainedOn = TrainingDataHashes.of(run.root(), run.trainingData());
    try (TokenFile train = ShardData.trainTokens(run)) {
      PretrainJob job = warmStart(ctx, vocabSize, new PretrainJob(c.model(), c.pretrain(),
          vocabSize, c.seed(), train, ShardData.valHead(run, PretrainJob.valTokensScored(c.model())),
          run.pretrain(), trainedOn)); // once per attempt: every checkpoint records these
      Progress progress = new Progress(ctx.progress(), c.pretrain().steps(), ctx.stopRequested());
      Pretrainer trainer = trainer(job, progress);
      Optional<Path> resume = resumePoint(ctx.previous(), trainer);
      int redone = Math.max(0, reached(ctx.previous(), run)
          - resume.map(CheckpointStore::stepOf).orElse(0));
      resume.ifPresent(p -> progress.checkpoint = p.toString());
      if (resume.isPresent() || redone > 0) {
        log.warn("run {}: pre-training resumes from {}; {} steps redone", ctx.input().runId(),
            resume.map(Path::toString).orElse("step 0 (no checkpoint yet)"), redone);
      }
      PretrainResult result;
      try (WorkerShutdown.Training training = WorkerShutdown.training()) {
        result = EngineThread.call(() -> {
          resume.ifPresent(p -> warnIfOtherThreadCount(p, JniUtils.getNumThreads()));
          return trainer.run(resume);
        }).withStepsRedone(redone);
      }
      if (result.stopped()) {
        log.info("run {}: pre-training stopped on request at step {}, checkpoint on disk",
            ctx.input().runId(), result.steps());
      }
      if (result.stopped() && WorkerShutdown.requested()) { // retried: another worker resumes
        throw new IllegalStateException("this worker is shutting down: pre-training of run "
            + ctx.input().runId() + " checkpointed at step " + result.steps()
            + " for another worker to resume");
      }
      return result;
    } finally {
      Files.deleteIfExists(ShardData.trainTokensFile(run));
    }
  }

  /**
   * {@code job} warm-started as {@code pretrain.initFrom} says: the source model checked (same
   * tokenizer, same shape) and pinned, so every attempt of this run starts from the same one.
   */
  private static PretrainJob warmStart(StageShell.StageContext ctx, int vocabSize, PretrainJob job)
      throws IOException {
    RunConfig c = ctx.input().config();
    Optional<InitModel> init = WarmStart.resolve(ctx.run(), c.pretrain());
    if (init.isEmpty()) {
      return job;
    }
    WarmStart.check(init.get(), ctx.run(), c.model(), vocabSize,
        "masked".equals(c.pretrain().objective()));
    WarmStart.pin(ctx.run(), init.get());
    log.info("run {}: pre-training starts from the weights of run {} with a fresh optimizer and "
        + "learning-rate schedule, for pretrain.steps {} more steps", ctx.input().runId(),
        init.get().shown(), c.pretrain().steps());
    return job.withInit(init.get());
  }

  /**
   * Bit-identical continuation holds only at the thread count that wrote the checkpoint (a
   * resume on a machine with other cores, or another SMELT_THREADS): say so, but train on.
   */
  static void warnIfOtherThreadCount(Path checkpoint, int threads) {
    try {
      TrainingState s = JSON.readValue(checkpoint.resolve(CheckpointStore.STATE).toFile(),
          TrainingState.class);
      if (s.intraOpThreads() > 0 && s.intraOpThreads() != threads) {
        log.warn("checkpoint {} was trained with {} intra-op threads, this worker uses {}: the "
            + "run continues, but not bit-identically to one that never stopped (set "
            + "SMELT_THREADS={} to match)", checkpoint, s.intraOpThreads(), threads,
            s.intraOpThreads());
      }
    } catch (IOException unreadable) {
      // the load that follows names a damaged checkpoint itself
    }
  }

  /**
   * The furthest step an earlier attempt reached, as its last heartbeat or metrics.jsonl tell
   * (after a total loss only the log, to within pretrain.logEvery steps).
   */
  static int reached(Optional<TrainingProgress> previous, RunFolder run) throws IOException {
    int heartbeat = previous.filter(p -> Stage.PRETRAIN.id().equals(p.stage()))
        .map(p -> (int) p.done()).orElse(0);
    return Math.max(heartbeat, MetricsLog.lastStep(run.pretrain().resolve("metrics.jsonl")));
  }

  /** A batch that cannot be split over this worker's devices fails for good, naming the key. */
  private static Pretrainer trainer(PretrainJob job, PretrainListener progress) {
    try {
      return new Pretrainer(job, progress);
    } catch (IllegalArgumentException e) {
      throw PermanentFailure.of(e.getMessage());
    }
  }

  /** The heartbeat's checkpoint when it verifies; otherwise the newest good one in the folder. */
  static Optional<Path> resumePoint(Optional<TrainingProgress> previous, Pretrainer trainer) {
    Optional<Path> fromHeartbeat = previous.map(TrainingProgress::lastCheckpoint).map(Path::of);
    if (fromHeartbeat.isPresent()) {
      Optional<String> problem = CheckpointStore.problem(fromHeartbeat.get());
      if (problem.isEmpty()) {
        Optional<Path> newest = trainer.latestCheckpoint();
        // A checkpoint written after the last heartbeat left is newer still: take it.
        return newest.filter(n -> n.compareTo(fromHeartbeat.get()) > 0).or(() -> fromHeartbeat);
      }
      log.warn("checkpoint {} from the last heartbeat is unusable ({}); looking for an older one",
          fromHeartbeat.get(), problem.get());
    }
    return trainer.latestCheckpoint();
  }

  /** Turns trainer callbacks into heartbeats, and a cancelled activity into a stop request. */
  private static final class Progress implements PretrainListener {
    private final Consumer<TrainingProgress> hb;
    private final int total;
    private final BooleanSupplier stop;
    private volatile String checkpoint;

    Progress(Consumer<TrainingProgress> hb, int total, BooleanSupplier stop) {
      this.hb = hb;
      this.total = total;
      this.stop = stop;
    }

    @Override
    public void onStep(int step, int steps, double loss, double lr, double tokensPerSecond) {
      try {
        hb.accept(new TrainingProgress(Stage.PRETRAIN.id(), step, total, Stage.PRETRAIN.unit(),
            loss, checkpoint, tokensPerSecond));
      } catch (ActivityCompletionException cancelled) {
        // stopRequested() now says so: the loop checkpoints this step and returns
      }
    }

    @Override
    public boolean stopRequested() {
      return stop.getAsBoolean();
    }

    @Override
    public void onCheckpoint(int step, Path dir) {
      checkpoint = dir.toString();
    }
  }
}
