package dev.smelt.activities.baseline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.smelt.activities.checkpoint.CheckpointPolicy;
import dev.smelt.activities.eval.ClassificationScores;
import dev.smelt.activities.finetune.FinetuneJob;
import dev.smelt.activities.finetune.FinetuneOutcome;
import dev.smelt.activities.finetune.Finetuner;
import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.activities.finetune.ValidationStop;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.workflows.stage.CurvePoint;
import dev.smelt.workflows.stage.StopReason;
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
 * scratch and bag-of-words, each trained on the same nested subsets ({@link NestedSubsets}) under
 * the same budget rule, with {@code finetune.curveSeeds} seeds per point, and scored on the same
 * test split. The rule: at most {@code finetune.curveSteps} steps (bag-of-words: its epochs),
 * stopping early after {@code curvePatience} validation measurements without a lower validation
 * loss, every {@code curveEvalEvery} steps (epochs), on the last {@code curveValFraction} of the
 * point's n examples (so a model of n examples trains on the rest). Each neural model trains in
 * its own folder ({@code curve/MODEL-N/} for the first seed, {@code curve/MODEL-N-seedK/} for the
 * others) with its own checkpoints; one that finished keeps its outcome there, so a retried stage
 * does not train it again.
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

  /** A point's n examples cut into what its models train on and what they validate on. */
  record Split(List<LabelledText> train, List<LabelledText> validation) {}

  private LearningCurve() {}

  /** The sizes a curve visits: the configured ones below the training set's size, then all. */
  public static List<Integer> sizes(List<Integer> configured, int trainSize) {
    TreeSet<Integer> out = new TreeSet<>();
    configured.stream().filter(n -> n < trainSize).forEach(out::add);
    out.add(trainSize);
    return new ArrayList<>(out);
  }

  /** The most steps of one curve model: finetune.curveSteps, or finetune.steps when that is 0. */
  public static int steps(FinetuneConfig f) {
    return f.curveSteps() > 0 ? f.curveSteps() : f.steps();
  }

  /**
   * The first n examples (hash order) of {@code train}, their last {@code curveValFraction} (at
   * least one, and at least one left to train on) held out when early stopping is on.
   */
  static Split split(FinetuneConfig f, List<LabelledText> train, int n) {
    List<LabelledText> subset = NestedSubsets.first(train, n);
    if (f.curvePatience() <= 0 || subset.size() < 2) {
      return new Split(subset, List.of());
    }
    int val = Math.min(subset.size() - 1,
        Math.max(1, (int) Math.round(f.curveValFraction() * subset.size())));
    return new Split(subset.subList(0, subset.size() - val),
        subset.subList(subset.size() - val, subset.size()));
  }

  /** {@code onStep} is told of every training step of every neural model on the curve. */
  public static List<CurvePoint> run(Job job, IntConsumer onStep) throws IOException {
    FinetuneConfig f = job.config();
    int steps = steps(f);
    FinetuneConfig cfg = f.withSteps(steps, Math.min(f.warmupSteps(), steps / 5));
    int[] gold = job.test().stream().mapToInt(LabelledText::label).toArray();
    List<CurvePoint> points = new ArrayList<>();
    for (int n : sizes(f.curveSizes(), job.train().size())) {
      Split split = split(f, job.train(), n);
      for (int k = 0; k < Math.max(1, f.curveSeeds()); k++) {
        long seed = job.seed() + k;
        for (boolean scratch : new boolean[] {false, true}) {
          String model = scratch ? SCRATCH : PRETRAINED;
          String folder = model + "-" + n + (k == 0 ? "" : "-seed" + k);
          FinetuneOutcome o = Finetuner.run(new FinetuneJob(cfg, job.pretrainedDir(),
              split.train(), job.test(), job.encoder(), seed, job.outDir().resolve(folder),
              job.device(), scratch, false, job.checkpoints(),
              new ValidationStop(split.validation(), f.curveEvalEvery(), f.curvePatience())),
              onStep);
          for (int skipped = o.steps(); skipped < steps; skipped++) {
            onStep.accept(skipped + 1); // the steps early stopping saved count as done
          }
          points.add(point(model, n, o.steps(), o.testPredictions(), gold, seed, o.stopReason()));
        }
        BagOfWords.Trained bow = BagOfWords.train(split.train(), split.validation(),
            BagOfWords.Settings.defaults(seed), f.curveEvalEvery(), f.curvePatience());
        points.add(point(BOW, n, bow.epochs(), bow.model().predict(job.test()), gold, seed,
            bow.stop()));
      }
    }
    return points;
  }

  private static CurvePoint point(String model, int n, int steps, int[] predicted, int[] gold,
      long seed, StopReason stop) {
    StringBuilder correct = new StringBuilder(gold.length);
    for (int i = 0; i < gold.length; i++) {
      correct.append(predicted[i] == gold[i] ? '1' : '0');
    }
    return new CurvePoint(model, n, steps, ClassificationScores.accuracy(predicted, gold),
        ClassificationScores.macroF1(predicted, gold), correct.toString(), seed, stop);
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
