package dev.smelt.activities.stage;

import dev.smelt.activities.checkpoint.CheckpointPolicy;
import dev.smelt.activities.checkpoint.CheckpointStore;
import dev.smelt.activities.finetune.FinetuneJob;
import dev.smelt.activities.finetune.Finetuner;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.activities.model.EngineThread;
import dev.smelt.activities.pretrain.MetricsLog;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.FinetuneResult;
import dev.smelt.workflows.stage.FinetuneResults;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes a classifier on the pre-trained backbone (pretrain/final) for each configured task,
 * one after another, into finetune/TASK; a retried attempt keeps a finished task's outcome and
 * continues an unfinished one from the newest good checkpoint of finetune/TASK/checkpoints.
 */
public class FinetuneActivity implements StageActivities.Finetune {
  private static final Logger log = LoggerFactory.getLogger(FinetuneActivity.class);
  private final Path runsRoot;

  /** {@code runsRoot}: the only folder whose run folders this worker writes in. */
  public FinetuneActivity(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  @Override
  public FinetuneResults finetune(StageInput in) {
    return StageShell.run(Stage.FINETUNE, in, runsRoot, FinetuneActivity::finetune);
  }

  /** The stage body: fine-tunes pretrain/final into finetune/TASK for every task. */
  static FinetuneResults finetune(StageShell.StageContext ctx) throws IOException {
    RunFolder run = ctx.run();
    RunConfig c = ctx.input().config();
    List<FinetuneConfig> tasks = c.finetune().perTask();
    BpeTokenizer tokenizer = ShardData.tokenizer(run);
    long total = tasks.stream().mapToLong(FinetuneConfig::steps).sum();
    List<FinetuneResult> results = new ArrayList<>();
    long before = 0;
    for (FinetuneConfig f : tasks) {
      LabelledTexts.Split split = TaskSplit.read(f);
      FinetuneJob job = new FinetuneJob(f, run.pretrain().resolve("final"), split.train(),
          split.test(), tokenizer::encode, c.seed(), run.finetune(f.task()), c.pretrain().device(),
          false, true, CheckpointPolicy.of(c.pretrain())); // a retry resumes from its checkpoint
      long done = before;
      reportResume(ctx, job, ctx.previous().filter(p -> Stage.FINETUNE.id().equals(p.stage()))
          .map(p -> (int) Math.min(f.steps(), Math.max(0, p.done() - done))).orElse(0));
      results.add(EngineThread.call(() -> Finetuner.run(job, step -> ctx.progress().accept(
          Stage.FINETUNE.progress(done + step, total)))).toResult());
      before += f.steps();
    }
    return new FinetuneResults(results);
  }

  /**
   * Says where a retried task continues: from the newest good checkpoint Finetuner will load, and
   * how many of the steps the earlier attempt reached ({@code heartbeatStep} of this task, or its
   * metrics.jsonl) are trained again. Silent for a first attempt and a finished task.
   */
  static void reportResume(StageShell.StageContext ctx, FinetuneJob job, int heartbeatStep)
      throws IOException {
    Path dir = job.outDir();
    if (Files.exists(dir.resolve(Finetuner.OUTCOME))) {
      return;
    }
    Optional<Path> resume = new CheckpointStore(dir.resolve("checkpoints"), job.checkpoints().keep())
        .latestGood();
    int reached = Math.max(heartbeatStep, MetricsLog.lastStep(dir.resolve("metrics.jsonl")));
    int redone = Math.max(0, reached - resume.map(CheckpointStore::stepOf).orElse(0));
    if (resume.isPresent() || redone > 0) {
      log.warn("run {}: fine-tuning of task {} resumes from {}; {} steps redone",
          ctx.input().runId(), job.config().task(),
          resume.map(Path::toString).orElse("step 0 (no checkpoint yet)"), redone);
    }
  }
}
