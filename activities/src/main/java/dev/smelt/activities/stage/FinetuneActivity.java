package dev.smelt.activities.stage;

import dev.smelt.activities.checkpoint.CheckpointPolicy;
import dev.smelt.activities.finetune.FinetuneJob;
import dev.smelt.activities.finetune.Finetuner;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.activities.model.EngineThread;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.workflows.config.FinetuneConfig;
import dev.smelt.workflows.config.RunConfig;
import dev.smelt.workflows.stage.FinetuneResult;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fine-tunes a classifier on the pre-trained backbone (pretrain/final) for the configured task; a
 * retried attempt continues from the newest good checkpoint of finetune/TASK/checkpoints.
 */
public class FinetuneActivity implements StageActivities.Finetune {
  private final Path runsRoot;

  /** {@code runsRoot}: the only folder whose run folders this worker writes in. */
  public FinetuneActivity(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  @Override
  public FinetuneResult finetune(StageInput in) {
    return StageShell.run(Stage.FINETUNE, in, runsRoot, FinetuneActivity::finetune);
  }

  /** The stage body: fine-tunes pretrain/final into finetune/TASK. */
  static FinetuneResult finetune(StageShell.StageContext ctx) throws IOException {
    RunFolder run = ctx.run();
    RunConfig c = ctx.input().config();
    FinetuneConfig f = c.finetune();
    LabelledTexts.Split split = TaskSplit.read(f);
    BpeTokenizer tokenizer = ShardData.tokenizer(run);
    FinetuneJob job = new FinetuneJob(f, run.pretrain().resolve("final"), split.train(),
        split.test(), tokenizer::encode, c.seed(), run.finetune(f.task()), c.pretrain().device(),
        false, true, CheckpointPolicy.of(c.pretrain())); // a retry resumes from its checkpoint
    return EngineThread.call(() -> Finetuner.run(job,
        step -> ctx.progress().accept(Stage.FINETUNE.progress(step, f.steps())))).toResult();
  }
}
