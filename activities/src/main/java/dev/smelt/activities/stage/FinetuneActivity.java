package dev.smelt.activities.stage;

import dev.smelt.activities.checkpoint.CheckpointPolicy;
import dev.smelt.activities.finetune.FinetuneJob;
import dev.smelt.activities.finetune.Finetuner;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.activities.model.EngineThread;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fine-tunes a classifier on the pre-trained backbone (pretrain/final) for each configured task,
 * one after another, into finetune/TASK; a retried attempt keeps a finished task's outcome and
 * continues an unfinished one from the newest good checkpoint of finetune/TASK/checkpoints.
 */
public class FinetuneActivity implements StageActivities.Finetune {
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
      results.add(EngineThread.call(() -> Finetuner.run(job, step -> ctx.progress().accept(
          Stage.FINETUNE.progress(done + step, total)))).toResult());
      before += f.steps();
    }
    return new FinetuneResults(results);
  }
}
