package dev.smelt.activities.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.smelt.activities.checkpoint.CheckpointPolicy;
import dev.smelt.activities.checkpoint.CheckpointStore;
import dev.smelt.activities.checkpoint.CheckpointWriter;
import dev.smelt.activities.checkpoint.DataFile;
import dev.smelt.activities.checkpoint.KeyedResult;
import dev.smelt.activities.checkpoint.TensorArrays;
import dev.smelt.activities.checkpoint.TrainingDataHashes;
import dev.smelt.activities.checkpoint.TrainingState;
import dev.smelt.activities.model.CrossEntropy;
import dev.smelt.activities.model.DeviceChoice;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.activities.pretrain.AdamW;
import dev.smelt.activities.pretrain.EarlyStop;
import dev.smelt.activities.pretrain.Gradients;
import dev.smelt.activities.pretrain.LrSchedule;
import dev.smelt.activities.pretrain.MetricsLog;
import dev.smelt.activities.pretrain.OptimizerStep;
import dev.smelt.activities.pretrain.StopRules;
import dev.smelt.activities.pretrain.TrainingClock;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.Pooling;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.StopReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Trains the whole model (backbone and head; the head alone when {@code finetune.freezeBackbone}
 * and the backbone is pre-trained) on labelled texts with AdamW, linear warmup and cosine
 * decay to a tenth of the peak rate, then measures accuracy on the test examples and writes
 * {@code metrics.jsonl}, {@code final/} and {@code outcome.json} under the job's folder.
 *
 * <p>Checkpoints follow the pre-training contract ({@code checkpoints/step-NNNNNNNN/}: weights,
 * AdamW moments, step and example-order cursor; dropout seeded from (seed, step)), so a retried
 * attempt continues bit-identically from the newest good one; a job whose {@code outcome.json}
 * holds its key is finished and is not trained again. The checkpoints go once the outcome is kept.
 */
public final class Finetuner {
  /** Hugging Face Trainer's default max_grad_norm. */
  private static final double GRAD_CLIP = 1.0;
  public static final String OUTCOME = "outcome.json";
  public static final String SEED_SCHEME = "torch.manual_seed(hash(seed) ^ step) before each step;"
      + " example order SplittableRandom(seed * 31 + epoch)";

  private Finetuner() {}

  /** {@code onStep} receives each finished step, for heartbeats. */
  public static FinetuneOutcome run(FinetuneJob job, IntConsumer onStep) throws IOException {
    FinetuneConfig cfg = job.config();
    if (job.train().isEmpty()) {
      throw new IllegalArgumentException("task " + cfg.task() + " has no training examples");
    }
    int classes = 1 + Stream.concat(job.train().stream(), job.test().stream())
        .mapToInt(LabelledText::label).max().orElse(1);
    List<DataFile> from = TrainingDataHashes.of(job.pretrainedDir(),
        List.of(job.pretrainedDir().resolve(GptFiles.WEIGHTS)));
    String key = key(job, classes, from);
    Path outcomeFile = job.outDir().resolve(OUTCOME);
    Optional<FinetuneOutcome> done = KeyedResult.read(outcomeFile, key, FinetuneOutcome.class)
        .filter(o -> o.modelDir() == null || Files.isDirectory(o.modelDir()));
    if (done.isPresent()) {
      return done.get();
    }
    CheckpointStore store =
        new CheckpointStore(job.outDir().resolve("checkpoints"), job.checkpoints().keep());
    FinetuneOutcome out = train(job, classes, key, from, store, onStep);
    KeyedResult.write(outcomeFile, key, out);
    store.deleteAll();
    return out;
  }

  private static FinetuneOutcome train(FinetuneJob job, int classes, String key,
      List<DataFile> from, CheckpointStore store, IntConsumer onStep) throws IOException {
    long started = System.nanoTime();
    FinetuneConfig cfg = job.config();
    try (NDManager root = NDManager.newBaseManager();
        Classifier clf = job.fromScratch()
            ? Classifier.fromScratch(job.pretrainedDir(), classes, job.seed(), cfg.pooling(), root,
                DeviceChoice.resolve(job.device()))
            : Classifier.fromPretrained(job.pretrainedDir(), classes, job.seed(), cfg.pooling(),
                root, DeviceChoice.resolve(job.device()));
        CheckpointWriter writer = new CheckpointWriter(store)) {
      if (frozen(job)) {
        clf.freezeBackbone();
      }
      int maxLength = Math.min(cfg.maxLength(), clf.contextLength());
      Loop loop = new Loop(job, clf, encode(job, job.train(), maxLength),
          encode(job, job.validation().examples(), maxLength), key, from, writer);
      Optional<Path> resume = store.latestGood();
      if (resume.isPresent()) {
        loop.restore(store.load(resume.get()));
      }
      try (MetricsLog log = new MetricsLog(job.outDir().resolve("metrics.jsonl"), loop.step)) {
        StopReason stop = loop.train(log, onStep);
        writer.await();
        int[] predicted = clf.predict(encode(job, job.test(), maxLength), Math.max(1, cfg.batchSize()));
        double accuracy = accuracy(predicted, job.test());
        log.value(loop.step, "test_accuracy", accuracy);
        Path dir = job.saveModel() ? job.outDir().resolve("final") : null;
        if (dir != null) {
          clf.save(dir, Map.of("task", cfg.task(), "max_length", maxLength, "steps", loop.step,
              "from_scratch", job.fromScratch(), "frozen_backbone", clf.frozen(),
              "stop_reason", stop.json()));
        }
        return new FinetuneOutcome(cfg.task(), loop.step, loop.firstLoss, loop.loss,
            job.train().size(), job.test().size(), classes, accuracy, predicted,
            majorityBaseline(job), dir, (System.nanoTime() - started) / 1e9, stop);
      }
    }
  }

  /** One attempt's training state, fresh or restored from a checkpoint. */
  private static final class Loop {
    final FinetuneJob job;
    final FinetuneConfig cfg;
    final Classifier clf;
    final List<int[]> train;
    final List<int[]> validation;
    final List<Integer> validationLabels;
    final String key;
    final List<DataFile> from;
    final CheckpointWriter writer;
    final AdamW opt;
    final LrSchedule schedule;
    final ExampleOrder order;
    TrainingClock clock;
    EarlyStop earlyStop;
    int step;
    double firstLoss = Double.NaN;
    double loss = Double.NaN;

    Loop(FinetuneJob job, Classifier clf, List<int[]> train, List<int[]> validation, String key,
        List<DataFile> from, CheckpointWriter writer) {
      this.job = job;
      this.cfg = job.config();
      this.clf = clf;
      this.train = train;
      this.validation = validation;
      this.validationLabels = job.validation().examples().stream().map(LabelledText::label).toList();
      this.key = key;
      this.from = from;
      this.writer = writer;
      opt = AdamW.gptDefaults(clf.trainable(), cfg.weightDecay());
      schedule = new LrSchedule(cfg.learningRate(), cfg.learningRate() / 10, cfg.warmupSteps(),
          cfg.steps());
      order = new ExampleOrder(train.size(), job.seed());
      clock = new TrainingClock(0, job.checkpoints().everyMinutes(), 0);
      earlyStop = earlyStop(Double.POSITIVE_INFINITY, 0);
    }

    EarlyStop earlyStop(double best, int withoutImprovement) {
      return new EarlyStop(job.validation().on() ? job.validation().patience() : 0, 0, best,
          withoutImprovement);
    }

    /** Trains to the first stop: the last step, or validation that stopped improving. */
    StopReason train(MetricsLog log, IntConsumer onStep) throws IOException {
      StopRules stopRules = new StopRules(cfg.steps(), earlyStop, clock, () -> false);
      while (step < cfg.steps()) {
        step++;
        List<int[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < cfg.batchSize(); i++) {
          int e = order.next();
          rows.add(train.get(e));
          labels.add(job.train().get(e).label());
        }
        double lr = schedule.at(step);
        Engine.getInstance().setRandomSeed(Long.hashCode(job.seed()) ^ step);
        loss = trainStep(clf, opt, ClassifierInputs.batch(rows, labels), lr);
        firstLoss = step == 1 ? loss : firstLoss;
        clock.stepDone();
        log.step(step, loss, lr, (long) step * cfg.batchSize(), 0);
        Optional<StopReason> stop = stopRules.after(step, validateIfDue(log));
        if (stop.isEmpty() && (job.checkpoints().dueAt(step) || clock.checkpointDue())) {
          checkpoint(); // a stopped job writes its outcome instead
        }
        onStep.accept(step);
        if (stop.isPresent()) {
          return stop.get();
        }
      }
      return StopReason.MAX_STEPS; // restored at the last step
    }

    /** The validation loss at a measurement step of {@link ValidationStop}, else NaN. */
    double validateIfDue(MetricsLog log) throws IOException {
      if (!job.validation().dueAt(step)) {
        return Double.NaN;
      }
      double v = clf.loss(validation, validationLabels, Math.max(1, cfg.batchSize()));
      log.validation(step, v);
      return v;
    }

    void checkpoint() throws IOException {
      TrainingState s = new TrainingState(step, order.epoch(), order.position(), job.seed(),
          SEED_SCHEME, key, firstLoss, loss, (long) step * cfg.batchSize(),
          earlyStop.best(), earlyStop.withoutImprovement(), clock.trainingSeconds(), null, from,
          JniUtils.getNumThreads());
      writer.save(TensorArrays.toTensors(clf.parameters()), opt.state(), s);
      clock.checkpointed();
    }

    void restore(CheckpointStore.Loaded c) {
      Path dir = c.dir();
      TrainingState s = c.state();
      if (!key.equals(s.configHash())) { // a retry would read the same checkpoint: for good
        throw PermanentFailure.of("checkpoint " + dir + " was written by another fine-tuning "
            + "job (config, examples, seed or classes); delete " + job.outDir()
            + " or restore that config");
      }
      Optional<String> other = TrainingDataHashes.difference(s.trainedOn(), from);
      if (other.isPresent()) {
        throw PermanentFailure.of("checkpoint " + dir + " was fine-tuned from another model: "
            + other.get() + "; delete " + job.outDir() + " or restore that model");
      }
      try {
        TensorArrays.copyAllInto(c.model(), clf.parameters());
        opt.load(c.optimizer());
        order.seek(s.cursorEpoch(), s.cursorPosition());
        step = s.step();
        firstLoss = s.firstLoss();
        loss = s.lastLoss();
        clock = new TrainingClock(0, job.checkpoints().everyMinutes(), s.trainingSeconds());
        earlyStop = earlyStop(s.bestValLoss(), s.evalsWithoutImprovement());
      } catch (IllegalArgumentException e) { // same key, other tensors: not ours either
        throw PermanentFailure.of("checkpoint " + dir + " does not fit this fine-tuning job ("
            + e.getMessage() + "); delete " + job.outDir() + " to start it over");
      }
    }
  }

  private static float trainStep(Classifier clf, AdamW opt, ClassifierInputs.Batch b, double lr) {
    try (NDManager sub = clf.manager().newSubManager()) {
      NDArray x = sub.create(b.tokens(), new Shape(b.rows(), b.length()));
      NDArray y = sub.create(b.labels());
      float loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = CrossEntropy.mean(clf.logits(x, b.lastIndex(), true), y);
        gc.backward(l);
        loss = l.getFloat();
      }
      OptimizerStep.apply(Gradients.of(clf.trainable(), sub), opt, GRAD_CLIP, lr);
      return loss;
    }
  }

  /** What must be equal for a checkpoint or an outcome to belong to this job. */
  private static String key(FinetuneJob job, int classes, List<DataFile> from) {
    FinetuneConfig c = job.config();
    String examples = KeyedResult.key(texts(job.train(), job.test()));
    if (job.validation().on()) { // a job without the rule keeps the key it always had
      ValidationStop v = job.validation();
      examples = KeyedResult.key(examples, v.evalEvery(), v.patience(),
          KeyedResult.key(texts(v.examples())));
    }
    if (c.pooling() != Pooling.LAST) { // nor does one that pools as it always did
      examples = KeyedResult.key(examples, c.pooling().key());
    }
    if (frozen(job)) { // nor one that trains every weight
      examples = KeyedResult.key(examples, "frozen backbone");
    }
    return KeyedResult.key(c.task(), c.steps(), c.batchSize(), c.learningRate(), c.warmupSteps(),
        c.weightDecay(), c.maxLength(), job.seed(), job.fromScratch(), job.saveModel(), classes,
        from, examples);
  }

  /** Whether only the head trains: asked for, and the backbone is pre-trained (not random). */
  static boolean frozen(FinetuneJob job) {
    return job.config().freezeBackbone() && !job.fromScratch();
  }

  @SafeVarargs
  private static StringBuilder texts(List<LabelledText>... parts) {
    StringBuilder texts = new StringBuilder();
    for (List<LabelledText> part : parts) {
      texts.append(part.size()).append(':');
      part.forEach(e -> texts.append(e.label()).append(' ').append(e.text().length()).append(' ')
          .append(e.text()));
    }
    return texts;
  }

  /** Share of test examples whose predicted class is their label (NaN with no examples). */
  public static double accuracy(Classifier clf, List<int[]> encoded, List<LabelledText> examples,
      FinetuneConfig cfg) {
    if (examples.isEmpty()) {
      return Double.NaN;
    }
    return accuracy(clf.predict(encoded, Math.max(1, cfg.batchSize())), examples);
  }

  private static double accuracy(int[] predicted, List<LabelledText> examples) {
    if (examples.isEmpty()) {
      return Double.NaN;
    }
    int right = 0;
    for (int i = 0; i < predicted.length; i++) {
      right += predicted[i] == examples.get(i).label() ? 1 : 0;
    }
    return (double) right / predicted.length;
  }

  private static List<int[]> encode(FinetuneJob job, List<LabelledText> examples, int maxLength) {
    return examples.stream()
        .map(e -> ClassifierInputs.encode(job.encoder(), e.text(), maxLength))
        .toList();
  }

  /** Accuracy of always answering the most common training label, on the test examples. */
  private static double majorityBaseline(FinetuneJob job) {
    int m = LabelledTexts.majorityLabel(job.train());
    return job.test().isEmpty() ? Double.NaN
        : (double) job.test().stream().filter(e -> e.label() == m).count() / job.test().size();
  }
}
