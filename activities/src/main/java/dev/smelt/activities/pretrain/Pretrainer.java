package dev.smelt.activities.pretrain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.smelt.activities.checkpoint.CheckpointStore;
import dev.smelt.activities.checkpoint.SafeTensors;
import dev.smelt.activities.checkpoint.TensorArrays;
import dev.smelt.activities.checkpoint.TrainingState;
import dev.smelt.activities.eval.Perplexity;
import dev.smelt.activities.model.CrossEntropy;
import dev.smelt.activities.model.Gpt;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.workflows.config.PretrainConfig;
import dev.smelt.workflows.stage.PretrainResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The causal-LM pre-training loop: batch, forward, backward, clip, AdamW, log, validate,
 * checkpoint. Started from a checkpoint it continues bit-identically to a run that never stopped
 * (with one intra-op thread): weights, moments, step, data cursor are restored and dropout is
 * re-seeded from (seed, step) before every step.
 */
public final class Pretrainer {
  /** Validation windows per measurement; enough for a stable number, cheap on a CPU. */
  public static final int VAL_WINDOWS = 32;
  public static final String SEED_SCHEME = "torch.manual_seed(hash(seed) ^ step) before each step";

  private final PretrainJob job;
  private final PretrainConfig cfg;
  private final PretrainListener listener;
  private final CheckpointStore store;

  public Pretrainer(PretrainJob job, PretrainListener listener) {
    if (!"causal".equals(job.train().objective())) {
      throw new IllegalArgumentException("pre-training objective '" + job.train().objective()
          + "' is not supported here; use 'causal'");
    }
    this.job = job;
    this.cfg = job.train();
    this.listener = listener;
    this.store = new CheckpointStore(job.outDir().resolve("checkpoints"), cfg.keepCheckpoints());
  }

  /** The newest undamaged checkpoint of this run's folder, to pass to {@link #run}. */
  public Optional<Path> latestCheckpoint() {
    return store.latestGood();
  }

  public PretrainResult run(Optional<Path> checkpoint) throws IOException {
    long started = System.nanoTime();
    try (NDManager root = NDManager.newBaseManager();
        Gpt gpt = new Gpt(job.model(), job.vocabSize(), false, job.seed(), root)) {
      AdamW opt = AdamW.gptDefaults(gpt.parameters(), cfg.weightDecay());
      TokenBatches batches =
          new TokenBatches(job.trainDocs(), job.model().contextLength(), cfg.batchSize(), job.seed());
      LrSchedule schedule = new LrSchedule(
          cfg.learningRate(), cfg.minLearningRate(), cfg.warmupSteps(), cfg.steps());
      int start = 0;
      double firstLoss = Double.NaN;
      double loss = Double.NaN;
      if (checkpoint.isPresent()) {
        TrainingState s = restore(checkpoint.get(), gpt, opt, batches);
        start = s.step();
        firstLoss = s.firstLoss();
        loss = s.lastLoss();
      }
      long tokensPerStep = (long) cfg.batchSize() * job.model().contextLength();
      double tokensPerSecond = 0;
      double valLoss = Double.NaN;
      try (MetricsLog log = new MetricsLog(job.outDir().resolve("metrics.jsonl"), start)) {
        long loopStart = System.nanoTime();
        for (int step = start + 1; step <= cfg.steps(); step++) {
          double lr = schedule.at(step);
          loss = trainStep(gpt, opt, batches.next(), step, lr);
          firstLoss = step == 1 ? loss : firstLoss;
          tokensPerSecond = (step - start) * tokensPerStep / ((System.nanoTime() - loopStart) / 1e9);
          if (step == 1 || step % Math.max(1, cfg.logEvery()) == 0 || step == cfg.steps()) {
            log.step(step, loss, lr, step * tokensPerStep, tokensPerSecond);
          }
          listener.onStep(step, cfg.steps(), loss, lr, tokensPerSecond);
          if (cfg.evalEvery() > 0 && step % cfg.evalEvery() == 0 || step == cfg.steps()) {
            valLoss = validate(gpt, step, log);
          }
          if (cfg.checkpointEvery() > 0 && step % cfg.checkpointEvery() == 0
              || step == cfg.steps()) {
            TrainingState s = new TrainingState(step, batches.cursor().epoch(),
                batches.cursor().position(), job.seed(), SEED_SCHEME, configHash(), firstLoss,
                loss, step * tokensPerStep);
            Path dir = store.save(TensorArrays.toTensors(gpt.parameters()), opt.state(), s);
            listener.onCheckpoint(step, dir);
          }
        }
      }
      if (Double.isNaN(valLoss) && !job.valDocs().isEmpty()) {
        valLoss = Perplexity.evaluate(gpt, job.valDocs(), cfg.batchSize(), VAL_WINDOWS).loss();
      }
      Path finalDir = writeFinal(gpt, valLoss);
      return new PretrainResult(cfg.steps(), firstLoss, loss, valLoss,
          cfg.steps() * tokensPerStep, tokensPerSecond, gpt.parameterCount(), start,
          finalDir.toString(), (System.nanoTime() - started) / 1e9);
    }
  }

  private float trainStep(Gpt gpt, AdamW opt, TokenBatch batch, int step, double lr) {
    Engine.getInstance().setRandomSeed(Long.hashCode(job.seed()) ^ step);
    try (NDManager sub = gpt.manager().newSubManager()) {
      Shape shape = new Shape(batch.rows(), batch.length());
      NDArray x = sub.create(batch.inputs(), shape);
      NDArray y = sub.create(batch.targets(), shape);
      float loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray lossArray = CrossEntropy.mean(gpt.logits(x, true), y);
        gc.backward(lossArray);
        loss = lossArray.getFloat();
      }
      Map<String, NDArray> grads = Gradients.of(gpt.parameters(), sub);
      GradClip.clip(grads.values(), cfg.gradClip());
      opt.step(grads, lr);
      Gradients.zero(grads);
      return loss;
    }
  }

  private double validate(Gpt gpt, int step, MetricsLog log) throws IOException {
    if (job.valDocs().isEmpty()) {
      return Double.NaN;
    }
    double v = Perplexity.evaluate(gpt, job.valDocs(), cfg.batchSize(), VAL_WINDOWS).loss();
    log.validation(step, v);
    listener.onValidation(step, v);
    return v;
  }

  private TrainingState restore(Path dir, Gpt gpt, AdamW opt, TokenBatches batches)
      throws IOException {
    CheckpointStore.Loaded c = store.load(dir);
    if (!c.state().configHash().equals(configHash())) {
      throw new IllegalStateException("checkpoint " + dir + " was written by a different model, "
          + "vocabulary, batch size or seed; start a new run folder or restore that config");
    }
    TensorArrays.copyAllInto(c.model(), gpt.parameters());
    opt.load(c.optimizer());
    batches.seek(new DataCursor(c.state().cursorEpoch(), c.state().cursorPosition()));
    return c.state();
  }

  private Path writeFinal(Gpt gpt, double valLoss) throws IOException {
    Path dir = job.outDir().resolve("final");
    Map<String, Object> extra = new LinkedHashMap<>(
        Map.of("objective", cfg.objective(), "steps", cfg.steps(), "seed", job.seed()));
    if (!Double.isNaN(valLoss)) {
      extra.put("val_loss", valLoss);
    }
    GptFiles.write(dir, gpt, Map.<String, SafeTensors.Tensor>of(), extra);
    return dir;
  }

  /** What must be equal for a checkpoint to continue this run exactly. */
  String configHash() {
    String key = job.model() + "|" + job.vocabSize() + "|" + cfg.batchSize() + "|" + job.seed()
        + "|" + cfg.objective();
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
