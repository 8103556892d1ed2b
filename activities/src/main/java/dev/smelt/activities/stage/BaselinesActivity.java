package dev.smelt.activities.stage;

import dev.smelt.activities.baseline.BagOfWords;
import dev.smelt.activities.baseline.LearningCurve;
import dev.smelt.activities.checkpoint.CheckpointPolicy;
import dev.smelt.activities.model.EngineThread;
import dev.smelt.activities.finetune.FinetuneJob;
import dev.smelt.activities.finetune.Finetuner;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.BaselinesResult;
import dev.smelt.workflows.stage.BaselinesResults;
import dev.smelt.workflows.stage.CurvePoint;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trains what fine-tuning is compared with, for each task on its split and budget: the same
 * architecture from random weights (baselines/TASK/scratch/), a bag-of-words logistic regression
 * (bow.json), and the learning curve of all three (learning_curve.json). A retry keeps every model
 * that finished (its outcome.json) and continues the others from their checkpoints; the stage
 * ledger clears the folder when the stage's inputs change.
 */
public class BaselinesActivity implements StageActivities.Baselines {
  private final Path runsRoot;

  /** {@code runsRoot}: the only folder whose run folders this worker writes in. */
  public BaselinesActivity(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  @Override
  public BaselinesResults baselines(StageInput in) {
    return StageShell.run(Stage.BASELINES, in, runsRoot, BaselinesActivity::baselines);
  }

  /** The stage body: baselines/TASK/ from each task's fine-tuning split and budget. */
  static BaselinesResults baselines(StageShell.StageContext ctx) throws IOException {
    RunFolder run = ctx.run();
    RunConfig c = ctx.input().config();
    List<FinetuneConfig> tasks = c.finetune().perTask();
    List<LabelledTexts.Split> splits = new ArrayList<>();
    long total = 0;
    for (FinetuneConfig f : tasks) {
      LabelledTexts.Split split = TaskSplit.read(f);
      splits.add(split);
      total += f.steps() + 2L * Math.max(1, f.curveSeeds()) * LearningCurve.steps(f)
          * LearningCurve.sizes(f.curveSizes(), split.train().size()).size();
    }
    AtomicLong done = new AtomicLong();
    long steps = total;
    Runnable tick = () -> ctx.progress().accept(
        Stage.BASELINES.progress(done.incrementAndGet(), steps));
    BpeTokenizer tokenizer = ShardData.tokenizer(run);
    List<BaselinesResult> results = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      results.add(baselines(run, c, tasks.get(i), splits.get(i), tokenizer, tick));
    }
    return new BaselinesResults(results);
  }

  private static BaselinesResult baselines(RunFolder run, RunConfig c, FinetuneConfig f,
      LabelledTexts.Split split, BpeTokenizer tokenizer, Runnable tick) throws IOException {
    Path out = run.baselines(f.task());
    long t0 = System.nanoTime();
    Path pretrained = run.pretrain().resolve("final");
    CheckpointPolicy checkpoints = CheckpointPolicy.of(c.pretrain());
    return EngineThread.call(() -> {
      Finetuner.run(new FinetuneJob(f, pretrained, split.train(), split.test(), tokenizer::encode,
          c.seed(), out.resolve("scratch"), c.pretrain().device(), true, true, checkpoints),
          s -> tick.run());
      BagOfWords.train(split.train(), BagOfWords.Settings.defaults(c.seed()))
          .save(out.resolve("bow.json"));
      List<CurvePoint> curve = LearningCurve.run(new LearningCurve.Job(f, pretrained,
          split.train(), split.test(), tokenizer::encode, c.seed(), out.resolve("curve"),
          c.pretrain().device(), checkpoints), s -> tick.run());
      LearningCurve.write(out.resolve("learning_curve.json"), curve);
      return new BaselinesResult(f.task(), out.resolve("scratch/final").toString(),
          out.resolve("bow.json").toString(), curve, (System.nanoTime() - t0) / 1e9);
    });
  }
}
