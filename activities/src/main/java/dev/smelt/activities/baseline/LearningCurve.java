package dev.smelt.activities.baseline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.smelt.activities.checkpoint.CheckpointPolicy;
import dev.smelt.activities.eval.ClassificationScores;
import dev.smelt.activities.finetune.FinetuneJob;
import dev.smelt.activities.finetune.Finetuner;
import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.workflows.stage.CurvePoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Test accuracy against training-set size for the pre-trained model, the same architecture from
 * scratch and bag-of-words, each trained on the same nested subsets ({@link NestedSubsets}) with the
 * same number of steps, and scored on the same test split. Each neural model trains in its own
 * folder ({@code curve/MODEL-N/}) with its own checkpoints; one that finished keeps its outcome
 * there, so a retried stage does not train it again.
 */
public final class LearningCurve {
  public static final String PRETRAINED = "pretrained+finetuned";
  public static final String SCRATCH = "from_scratch";
  public static final String BOW = "bow_logreg";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Everything one curve needs; {@code pretrainedDir} is pretrain/final, {@code outDir} curve/. */
  public record Job(FinetuneConfig config, Path pretrainedDir, List<LabelledText> train,
      List<LabelledText> test, Function<String, int[]> encoder, long seed, Path outDir,
      String device, CheckpointPolicy checkpoints) {}

  private LearningCurve() {}

  /** The sizes a curve visits: the configured ones below the training set's size, then all. */
  public static List<Integer> sizes(List<Integer> configured, int trainSize) {
    TreeSet<Integer> out = new TreeSet<>();
    configured.stream().filter(n -> n < trainSize).forEach(out::add);
    out.add(trainSize);
    return new ArrayList<>(out);
  }

  /** The steps of one curve model: finetune.curveSteps, or finetune.steps when that is 0. */
  public static int steps(FinetuneConfig f) {
    return f.curveSteps() > 0 ? f.curveSteps() : f.steps();
  }

  /** {@code onStep} is told of every training step of every neural model on the curve. */
  public static List<CurvePoint> run(Job job, IntConsumer onStep) throws IOException {
    FinetuneConfig f = job.config();
    int steps = steps(f);
    FinetuneConfig cfg = new FinetuneConfig(f.task(), f.inputs(), steps, f.batchSize(),
        f.learningRate(), Math.min(f.warmupSteps(), steps / 5), f.weightDecay(), f.maxLength(),
        f.testFraction(), f.curveSizes(), f.curveSteps());
    int[] gold = job.test().stream().mapToInt(LabelledText::label).toArray();
    List<CurvePoint> points = new ArrayList<>();
    for (int n : sizes(f.curveSizes(), job.train().size())) {
      List<LabelledText> subset = NestedSubsets.first(job.train(), n);
      for (boolean scratch : new boolean[] {false, true}) {
        String model = scratch ? SCRATCH : PRETRAINED;
        int[] predicted = Finetuner.run(new FinetuneJob(cfg, job.pretrainedDir(), subset,
            job.test(), job.encoder(), job.seed(), job.outDir().resolve(model + "-" + n),
            job.device(), scratch, false, job.checkpoints()), onStep).testPredictions();
        points.add(point(model, n, steps, predicted, gold));
      }
      int[] bow = BagOfWords.train(subset, BagOfWords.Settings.defaults(job.seed()))
          .predict(job.test());
      points.add(point(BOW, n, BagOfWords.Settings.defaults(job.seed()).epochs(), bow, gold));
    }
    return points;
  }

  private static CurvePoint point(String model, int n, int steps, int[] predicted, int[] gold) {
    StringBuilder correct = new StringBuilder(gold.length);
    for (int i = 0; i < gold.length; i++) {
      correct.append(predicted[i] == gold[i] ? '1' : '0');
    }
    return new CurvePoint(model, n, steps, ClassificationScores.accuracy(predicted, gold),
        ClassificationScores.macroF1(predicted, gold), correct.toString());
  }

  public static void write(Path file, List<CurvePoint> points) throws IOException {
    Files.createDirectories(file.getParent());
    JSON.writeValue(file.toFile(), points);
  }

  /** The curve a baselines stage wrote, or an empty list when there is none. */
  public static List<CurvePoint> read(Path file) throws IOException {
    return Files.exists(file)
        ? JSON.readValue(file.toFile(), new TypeReference<List<CurvePoint>>() {})
        : List.of();
  }
}
