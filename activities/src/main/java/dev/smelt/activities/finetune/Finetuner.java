package dev.smelt.activities.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.smelt.activities.model.CrossEntropy;
import dev.smelt.activities.model.DeviceChoice;
import dev.smelt.activities.pretrain.AdamW;
import dev.smelt.activities.pretrain.GradClip;
import dev.smelt.activities.pretrain.Gradients;
import dev.smelt.activities.pretrain.LrSchedule;
import dev.smelt.activities.pretrain.MetricsLog;
import dev.smelt.workflows.config.FinetuneConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Trains the whole model (backbone and head) on labelled texts with AdamW, linear warmup and cosine
 * decay to a tenth of the peak rate, then measures accuracy on the test examples and writes
 * {@code metrics.jsonl} and {@code final/} under the job's folder.
 */
public final class Finetuner {
  private static final double GRAD_CLIP = 1.0;

  private Finetuner() {}

  /** {@code onStep} receives each finished step, for heartbeats. */
  public static FinetuneOutcome run(FinetuneJob job, IntConsumer onStep) throws IOException {
    long started = System.nanoTime();
    FinetuneConfig cfg = job.config();
    if (job.train().isEmpty()) {
      throw new IllegalArgumentException("task " + cfg.task() + " has no training examples");
    }
    int classes = 1 + java.util.stream.Stream.concat(job.train().stream(), job.test().stream())
        .mapToInt(LabelledText::label).max().orElse(1);
    try (NDManager root = NDManager.newBaseManager();
        Classifier clf = job.fromScratch()
            ? Classifier.fromScratch(job.pretrainedDir(), classes, job.seed(), root,
                DeviceChoice.resolve(job.device()))
            : Classifier.fromPretrained(job.pretrainedDir(), classes, job.seed(), root,
                DeviceChoice.resolve(job.device()))) {
      int maxLength = Math.min(cfg.maxLength(), clf.contextLength());
      List<int[]> train = encode(job, job.train(), maxLength);
      AdamW opt = AdamW.gptDefaults(clf.parameters(), cfg.weightDecay());
      LrSchedule schedule =
          new LrSchedule(cfg.learningRate(), cfg.learningRate() / 10, cfg.warmupSteps(), cfg.steps());
      ExampleOrder order = new ExampleOrder(train.size(), job.seed());
      double firstLoss = Double.NaN;
      double loss = Double.NaN;
      try (MetricsLog log = new MetricsLog(job.outDir().resolve("metrics.jsonl"), 0)) {
        for (int step = 1; step <= cfg.steps(); step++) {
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
          log.step(step, loss, lr, (long) step * cfg.batchSize(), 0);
          onStep.accept(step);
        }
        int[] predicted = clf.predict(encode(job, job.test(), maxLength), Math.max(1, cfg.batchSize()));
        double accuracy = accuracy(predicted, job.test());
        log.value(cfg.steps(), "test_accuracy", accuracy);
        Path dir = job.saveModel() ? job.outDir().resolve("final") : null;
        if (dir != null) {
          clf.save(dir, Map.of("task", cfg.task(), "max_length", maxLength, "steps", cfg.steps(),
              "from_scratch", job.fromScratch()));
        }
        return new FinetuneOutcome(cfg.task(), cfg.steps(), firstLoss, loss, job.train().size(),
            job.test().size(), classes, accuracy, predicted, majorityBaseline(job), dir,
            (System.nanoTime() - started) / 1e9);
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
      Map<String, NDArray> grads = Gradients.of(clf.parameters(), sub);
      GradClip.clip(grads.values(), GRAD_CLIP);
      opt.step(grads, lr);
      Gradients.zero(grads);
      return loss;
    }
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

  /** Example indices, reshuffled every pass with a seeded RNG. */
  private static final class ExampleOrder {
    private final int[] order;
    private final long seed;
    private int position;
    private long epoch = -1;

    ExampleOrder(int n, long seed) {
      this.order = new int[n];
      this.seed = seed;
      this.position = n;
    }

    int next() {
      if (position == order.length) {
        epoch++;
        position = 0;
        SplittableRandom rng = new SplittableRandom(seed * 31 + epoch);
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
          int j = rng.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
      }
      return order[position++];
    }
  }
}
