package dev.smelt.infra.bench;

import dev.smelt.activities.baseline.LearningCurve;
import dev.smelt.activities.checkpoint.CheckpointPolicy;
import dev.smelt.activities.eval.CurveSummary;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.Pooling;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.CurvePoint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The learning curve of a finished run's pre-trained model under other curve settings, without a
 * workflow: the levers of what makes pre-training pay (learning rate, steps, patience, seeds),
 * measured on one model. Prints one line per model and size, then the pre-trained minus
 * from-scratch gain per size. Driven by {@code infra/bench/curve}.
 *
 * <p>Arguments: {@code --config=FILE --run=RUN_FOLDER --out=DIR} and any of {@code --sizes=50,100
 * --seeds=N --steps=N --patience=N --evalEvery=N --valFraction=F --lr=F --batch=N
 * --pooling=last|mean --freezeBackbone=true|false}.
 */
public final class CurveBench {
  private CurveBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String s : args) {
      String[] kv = s.replaceFirst("^--", "").split("=", 2);
      a.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    RunConfig c = ConfigLoader.load(Path.of(a.get("config")));
    FinetuneConfig f0 = c.finetune().perTask().get(0);
    List<Integer> sizes = a.containsKey("sizes")
        ? Arrays.stream(a.get("sizes").split(",")).map(Integer::parseInt).toList() : f0.curveSizes();
    FinetuneConfig f = new FinetuneConfig(f0.tasks(), f0.steps(),
        Integer.parseInt(a.getOrDefault("batch", "" + f0.batchSize())),
        Double.parseDouble(a.getOrDefault("lr", "" + f0.learningRate())), f0.warmupSteps(),
        f0.weightDecay(), f0.maxLength(), f0.testFraction(), sizes,
        Integer.parseInt(a.getOrDefault("steps", "" + f0.curveSteps())))
        .withCurve(Integer.parseInt(a.getOrDefault("seeds", "" + f0.curveSeeds())),
            Integer.parseInt(a.getOrDefault("patience", "" + f0.curvePatience())),
            Integer.parseInt(a.getOrDefault("evalEvery", "" + f0.curveEvalEvery())),
            Double.parseDouble(a.getOrDefault("valFraction", "" + f0.curveValFraction())))
        .withPooling(a.containsKey("pooling") ? Pooling.of(a.get("pooling")) : f0.pooling())
        .withFrozenBackbone(Boolean.parseBoolean(
            a.getOrDefault("freezeBackbone", "" + f0.freezeBackbone())));
    Path run = Path.of(a.get("run")).toAbsolutePath();
    RunFolder folder = RunFolder.confined(run.toString(), run.getParent());
    BpeTokenizer tokenizer = BpeTokenizer.load(folder.tokenizerJson());
    LabelledTexts.Split split = LabelledTexts.split(
        LabelledTexts.read(f.inputs().stream().map(Path::of).toList(), f.labels()),
        f.testFraction());
    long t0 = System.nanoTime();
    List<CurvePoint> curve = LearningCurve.run(new LearningCurve.Job(f,
        folder.pretrain().resolve("final"), split.train(), split.test(), tokenizer::encode,
        c.seed(), Path.of(a.get("out")), "cpu", CheckpointPolicy.NONE), s -> {});
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "SETTINGS lr=%s batch=%d maxSteps=%d patience=%d evalEvery=%d"
        + " valFraction=%s seeds=%d test=%d objective=%s pooling=%s frozen=%s%n",
        f.learningRate(), f.batchSize(), f.curveSteps(), f.curvePatience(), f.curveEvalEvery(), f.curveValFraction(),
        f.curveSeeds(), split.test().size(), c.pretrain().objective(), f.pooling().key(),
        f.freezeBackbone());
    List<CurveSummary.Row> rows = CurveSummary.of(curve);
    for (CurveSummary.Row r : rows) {
      System.out.printf(Locale.ROOT, "ROW %-21s n=%5d mean=%.3f sd=%.3f min=%.3f max=%.3f steps=%s%n",
          r.model(), r.examples(), r.mean(), r.sd(), r.min(), r.max(), r.steps());
    }
    for (CurveSummary.Row pre : rows) {
      if (!pre.model().equals(LearningCurve.PRETRAINED)) {
        continue;
      }
      for (CurveSummary.Row other : rows) {
        if (other.examples() == pre.examples() && !other.model().equals(pre.model())) {
          System.out.printf(Locale.ROOT, "GAIN n=%5d pretrained-%s=%+.1f points%n",
              pre.examples(), other.model(), 100 * (pre.mean() - other.mean()));
        }
      }
    }
    System.out.printf(Locale.ROOT, "SECONDS %.1f (load: %s)%n", seconds,
        new String(java.nio.file.Files.readAllBytes(Path.of("/proc/loadavg"))).trim());
  }
}
