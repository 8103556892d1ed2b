package dev.smelt.activities.pretrain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.smelt.activities.checkpoint.CheckpointStore;
import dev.smelt.activities.checkpoint.CheckpointWriter;
import dev.smelt.activities.checkpoint.SafeTensors;
import dev.smelt.activities.checkpoint.TensorArrays;
import dev.smelt.activities.checkpoint.TrainingDataHashes;
import dev.smelt.activities.checkpoint.TrainingState;
import dev.smelt.activities.model.CrossEntropy;
import dev.smelt.activities.model.DeviceChoice;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.activities.model.MaskedLm;
import dev.smelt.activities.model.Scalars;
import dev.smelt.activities.pretrain.Objective.StepBatch;
import dev.smelt.settings.PretrainConfig;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.StopReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pre-training loop (causal or masked LM): batch, forward and backward over the micro-batches,
 * clip, AdamW, log, validate, checkpoint; stopping at the last step, the wall-clock budget or when
 * validation stops improving. Started from a checkpoint it continues bit-identically to a run
 * that never stopped (with one intra-op thread): weights, moments, step, data cursor and
 * early-stopping state are restored, and dropout and masking are seeded from (seed, step).
 */
public final class Pretrainer {
  /** Validation windows per measurement; enough for a stable number, cheap on a CPU. */
  public static final int VAL_WINDOWS = 32;
  public static final String SEED_SCHEME = "torch.manual_seed(hash(seed) ^ step) before each step;"
      + " masking SplittableRandom(seed, step)";

  private final PretrainJob job;
  private final PretrainConfig cfg;
  private final PretrainListener listener;
  private final CheckpointStore store;
  private final Objective objective;
  private final List<Device> devices;

  /** Trains on the devices {@code pretrain.device} names: data-parallel over all GPUs there are. */
  public Pretrainer(PretrainJob job, PretrainListener listener) {
    this(job, listener, DeviceChoice.resolveAll(job.train().device()));
  }

  /** Trains with one copy of the model per device (the tests pass several CPU "devices"). */
  Pretrainer(PretrainJob job, PretrainListener listener, List<Device> devices) {
    this.job = job;
    this.cfg = job.train();
    if (cfg.gradAccumulation() < 1 || cfg.batchSize() % cfg.gradAccumulation() != 0) {
      throw new IllegalArgumentException("key 'pretrain.gradAccumulation' (" + cfg.gradAccumulation()
          + ") must divide pretrain.batchSize (" + cfg.batchSize() + ")");
    }
    if (cfg.batchSize() % (cfg.gradAccumulation() * devices.size()) != 0) {
      throw new IllegalArgumentException("key 'pretrain.batchSize' (" + cfg.batchSize()
          + ") must split evenly over " + devices.size() + " devices × pretrain.gradAccumulation "
          + cfg.gradAccumulation());
    }
    this.listener = listener;
    this.objective = Objective.of(cfg, job.vocabSize(), job.seed());
    this.devices = List.copyOf(devices);
    this.store = new CheckpointStore(job.outDir().resolve("checkpoints"), cfg.keepCheckpoints());
  }

  /** The newest undamaged checkpoint of this run's folder, to pass to {@link #run}. */
  public Optional<Path> latestCheckpoint() {
    return store.latestGood();
  }

  public PretrainResult run(Optional<Path> checkpoint) throws IOException {
    long started = System.nanoTime();
    try (NDManager root = NDManager.newBaseManager();
        Gpt gpt = new Gpt(job.model(), job.vocabSize(), objective.bidirectional(), job.seed(),
            root, devices.get(0));
        Replicas replicas = new Replicas(gpt, devices, job.seed(), root);
        CheckpointWriter writer = new CheckpointWriter(store)) {
      Loop loop = new Loop(replicas, writer);
      if (checkpoint.isPresent()) {
        loop.restore(checkpoint.get());
      } else if (job.init().isPresent()) {
        loop.warmStart(job.init().get());
      }
      StopReason stop;
      try (MetricsLog log = new MetricsLog(job.outDir().resolve("metrics.jsonl"), loop.start)) {
        try {
          stop = loop.train(log);
        } finally {
          loop.settle();
        }
      }
      boolean stopped = stop == StopReason.STOPPED; // resumed later
      Path finalDir = stopped ? null : writeFinal(gpt, loop.valLoss, loop.step, stop);
      return new PretrainResult(loop.step, loop.firstLoss, loop.loss, loop.valLoss,
          loop.step * tokensPerStep(), loop.tokensPerSecond, gpt.parameterCount(), loop.start,
          stopped ? null : finalDir.toString(), (System.nanoTime() - started) / 1e9, stop);
    }
  }

  /** The state of one run of the loop, restored from a checkpoint or fresh. */
  private final class Loop {
    final Replicas replicas;
    final Gpt gpt;
    final CheckpointWriter writer;
    final AdamW opt;
    final TokenBatches batches;
    final LrSchedule schedule;
    EarlyStop earlyStop;
    TrainingClock clock;
    int start;
    int step;
    int lastValStep = -1;
    double firstLoss = Double.NaN;
    double loss = Double.NaN;
    double valLoss = Double.NaN;
    double tokensPerSecond;
    /** Where a restored checkpoint had already stopped for good (budget, early stop). */
    Optional<StopReason> stoppedAt = Optional.empty();

    Loop(Replicas replicas, CheckpointWriter writer) {
      this.replicas = replicas;
      this.gpt = replicas.master();
      this.writer = writer;
      opt = AdamW.gptDefaults(gpt.parameters(), cfg.weightDecay());
      batches = new TokenBatches(job.trainTokens(), job.model().contextLength(), cfg.batchSize(),
          job.seed());
      schedule = new LrSchedule(cfg.learningRate(), cfg.minLearningRate(), cfg.warmupSteps(),
          cfg.steps());
      earlyStop = new EarlyStop(cfg.earlyStopPatience(), cfg.earlyStopMinDelta(),
          Double.POSITIVE_INFINITY, 0);
      clock = new TrainingClock(cfg.maxMinutes(), cfg.checkpointEveryMinutes(), 0);
    }

    void restore(Path dir) throws IOException {
      CheckpointStore.Loaded c = store.load(dir);
      TrainingState s = c.state();
      if (!s.configHash().equals(configHash())) {
        // A retry would read the same checkpoint: fail for good, naming the way out.
        throw PermanentFailure.of("checkpoint " + dir + " was written by a different model, "
            + "vocabulary, batch size, objective or seed; start a new run folder or restore that "
            + "config");
      }
      String init = job.init().map(InitModel::recorded).orElse(null);
      if (!Objects.equals(s.initFrom(), init)) { // weights of another start: refuse
        throw PermanentFailure.of("checkpoint " + dir.getFileName() + " continues "
            + (s.initFrom() == null ? "a run from random weights" : "a warm start from "
                + s.initFrom()) + ", but this run " + (init == null ? "starts from random weights"
                : "warm-starts from " + init) + "; start a new run folder or restore pretrain.initFrom");
      }
      Optional<String> otherData = TrainingDataHashes.difference(s.trainedOn(), job.trainedOn());
      if (otherData.isPresent()) { // the same files would be read again: fail for good
        throw PermanentFailure.of("checkpoint " + dir.getFileName() + " was trained on other data: "
            + otherData.get() + "; start a new run folder or restore the data it was trained on");
      }
      try {
        TensorArrays.copyAllInto(c.model(), gpt.parameters());
        opt.load(c.optimizer());
      } catch (IllegalArgumentException e) { // same config hash, other tensors: not ours either
        throw PermanentFailure.of("checkpoint " + dir + " does not fit this model ("
            + e.getMessage() + "); start a new run folder or restore the config that wrote it");
      }
      replicas.broadcastWeights();
      batches.seek(new DataCursor(s.cursorEpoch(), s.cursorPosition()));
      start = s.step();
      step = s.step();
      firstLoss = s.firstLoss();
      loss = s.lastLoss();
      earlyStop = new EarlyStop(cfg.earlyStopPatience(), cfg.earlyStopMinDelta(),
          s.bestValLoss(), s.evalsWithoutImprovement());
      clock = new TrainingClock(cfg.maxMinutes(), cfg.checkpointEveryMinutes(),
          s.trainingSeconds());
      stoppedAt = Optional.ofNullable(s.stopReason()); // it only writes final/ again
    }

    /**
     * Starts from {@code init}'s weights (checked to fit by {@link WarmStart#check}); the optimizer,
     * schedule, step and data cursor start afresh, as in a run from random weights.
     */
    void warmStart(InitModel init) throws IOException {
      try {
        TensorArrays.copyAllInto(SafeTensors.read(init.dir().resolve(GptFiles.WEIGHTS)),
            gpt.parameters());
      } catch (IllegalArgumentException e) {
        throw PermanentFailure.of("key 'pretrain.initFrom': the model of run " + init.runId()
            + " does not fit this model (" + e.getMessage() + ")");
      }
      replicas.broadcastWeights();
    }

    /** Trains to the first stop {@link StopRules} names, and returns it. */
    StopReason train(MetricsLog log) throws IOException {
      if (stoppedAt.isPresent()) {
        return finish(log, stoppedAt.get());
      }
      StopRules stopRules =
          new StopRules(cfg.steps(), earlyStop, clock, listener::stopRequested);
      long loopStart = System.nanoTime();
      while (step < cfg.steps()) {
        step++;
        double lr = schedule.at(step);
        loss = trainStep(replicas, opt, objective.prepare(batches.next(), step), step, lr);
        firstLoss = step == 1 ? loss : firstLoss;
        clock.stepDone();
        tokensPerSecond = (step - start) * tokensPerStep() / ((System.nanoTime() - loopStart) / 1e9);
        if (step == 1 || step % Math.max(1, cfg.logEvery()) == 0 || step == cfg.steps()) {
          log.step(step, loss, lr, step * tokensPerStep(), tokensPerSecond);
        }
        listener.onStep(step, cfg.steps(), loss, lr, tokensPerSecond);
        Optional<StopReason> stop = stopRules.after(step, validateIfDue(log));
        if (stop.isPresent() || cfg.checkpointEvery() > 0 && step % cfg.checkpointEvery() == 0
            || clock.checkpointDue()) {
          checkpoint(stop);
        }
        collectCheckpoints();
        if (stop.isPresent()) {
          return finish(log, stop.get());
        }
      }
      return finish(log, StopReason.MAX_STEPS); // restored at the last step: nothing to train
    }

    /**
     * The end of training: a stop request only waits for its checkpoint; otherwise the final step
     * is measured and logged (a run restored where it had stopped only measures).
     */
    StopReason finish(MetricsLog log, StopReason stop) throws IOException {
      if (stop == StopReason.STOPPED) {
        writer.await(); // the checkpoint of this step is on disk before the stop is reported
        return stop;
      }
      if (step == start) { // restored a run that had already stopped: nothing new to log
        valLoss = job.valDocs().isEmpty() ? Double.NaN
            : objective.validationLoss(gpt, job.valDocs(), cfg.batchSize());
        return stop;
      }
      if (lastValStep != step) {
        validate(log); // final/ gets this step's weights; measure them
      }
      log.stop(step, stop, clock.trainingSeconds());
      writer.await();
      return stop;
    }

    /** Waits for a write in flight and reports it, also when the loop failed. */
    void settle() throws IOException {
      try {
        writer.await();
      } catch (IOException e) {
        // a failed write leaves only a .tmp; the loop's own error, if any, is the one to report
      }
      collectCheckpoints();
    }

    /** Validates every pretrain.evalEvery steps and at the last; NaN when not measured. */
    double validateIfDue(MetricsLog log) throws IOException {
      return cfg.evalEvery() > 0 && step % cfg.evalEvery() == 0 || step == cfg.steps()
          ? validate(log) : Double.NaN;
    }

    double validate(MetricsLog log) throws IOException {
      lastValStep = step;
      if (job.valDocs().isEmpty()) {
        return Double.NaN;
      }
      valLoss = objective.validationLoss(gpt, job.valDocs(), cfg.batchSize());
      log.validation(step, valLoss);
      listener.onValidation(step, valLoss);
      return valLoss;
    }

    void checkpoint(Optional<StopReason> stop) throws IOException {
      DataCursor cursor = batches.cursor();
      TrainingState s = new TrainingState(step, cursor.epoch(), cursor.position(), job.seed(),
          SEED_SCHEME, configHash(), firstLoss, loss, step * tokensPerStep(), earlyStop.best(),
          earlyStop.withoutImprovement(), clock.trainingSeconds(),
          stop.filter(r -> !r.resumable()).orElse(null), job.trainedOn(),
          JniUtils.getNumThreads(), job.init().map(InitModel::recorded).orElse(null));
      writer.save(TensorArrays.toTensors(gpt.parameters()), opt.state(), s);
      clock.checkpointed();
    }

    void collectCheckpoints() throws IOException {
      for (Path dir : writer.finished()) {
        listener.onCheckpoint(CheckpointStore.stepOf(dir), dir);
      }
    }
  }

  /**
   * One optimizer step: the batch is cut into devices × gradAccumulation micro-batches, in order,
   * each device taking a consecutive run of them; gradients add up on the master.
   */
  private float trainStep(Replicas replicas, AdamW opt, StepBatch batch, int step, double lr) {
    Engine.getInstance().setRandomSeed(Long.hashCode(job.seed()) ^ step);
    Gpt master = replicas.master();
    try (NDManager sub = master.manager().newSubManager()) {
      int perDevice = cfg.gradAccumulation();
      int rows = batch.rows() / (perDevice * replicas.count());
      float loss = 0;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        for (int micro = 0; micro < perDevice * replicas.count(); micro++) {
          Gpt model = replicas.get(micro / perDevice);
          try (NDManager m = model.manager().newSubManager()) { // frees its activations at once
            NDArray l = microBatchLoss(model, batch.rows(micro * rows, rows), m);
            gc.backward(l);
            loss += l.getFloat();
          }
        }
      }
      Map<String, NDArray> grads = Gradients.of(master.parameters(), sub);
      replicas.gatherGradients(grads, sub);
      OptimizerStep.apply(grads, opt, cfg.gradClip(), lr);
      replicas.broadcastWeights();
      return loss;
    }
  }

  /** Summed loss of the micro-batch over the whole step's scored positions: they add up exactly. */
  static NDArray microBatchLoss(Gpt gpt, StepBatch b, NDManager m) {
    Shape shape = new Shape(b.rows(), b.length());
    NDArray logits = gpt.logits(m.create(b.inputs(), shape), true);
    NDArray y = m.create(b.targets(), shape);
    NDArray sum = b.weights() == null ? CrossEntropy.sum(logits, y)
        : MaskedLm.selectedNllSum(logits, y, m.create(b.weights(), shape));
    return sum.div(Scalars.of(m, b.scored()));
  }

  private long tokensPerStep() {
    return (long) cfg.batchSize() * job.model().contextLength();
  }

  private Path writeFinal(Gpt gpt, double valLoss, int steps, StopReason stopReason)
      throws IOException {
    Path dir = job.outDir().resolve("final");
    Map<String, Object> extra = new LinkedHashMap<>(Map.of("objective", cfg.objective(),
        "steps", steps, "seed", job.seed(), "stop_reason", stopReason.json()));
    job.init().ifPresent(i -> extra.put("init_from", i.recorded()));
    if (!Double.isNaN(valLoss)) {
      extra.put("val_loss", valLoss);
    }
    GptFiles.write(dir, gpt, Map.<String, SafeTensors.Tensor>of(), extra);
    return dir;
  }

  /** What must be equal for a checkpoint to continue this run exactly. */
  String configHash() {
    String key = job.model() + "|" + job.vocabSize() + "|" + cfg.batchSize() + "|" + job.seed()
        + "|" + cfg.objective() + "|" + cfg.gradAccumulation()
        + ("masked".equals(cfg.objective()) ? "|" + cfg.maskProbability() : "");
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
