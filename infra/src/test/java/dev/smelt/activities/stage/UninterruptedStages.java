package dev.smelt.activities.stage;

import dev.smelt.activities.run.RunFolder;
import dev.smelt.workflows.stage.StageInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The data, tokenizer and fine-tuning stage bodies, run in this JVM without Temporal and never interrupted. */
public final class UninterruptedStages {
  private UninterruptedStages() {}

  /** Runs the data stage, then the tokenizer stage, into {@code in}'s run folder. */
  public static void dataAndTokenizer(StageInput in) throws IOException {
    StageShell.StageContext ctx = new StageShell.StageContext(new RunFolder(Path.of(in.runDir())),
        in, Optional.empty(), p -> {});
    DataActivity.prepare(ctx);
    TokenizerActivity.train(ctx);
  }

  /**
   * Runs the fine-tuning stage into {@code in}'s run folder, which holds the tokenizer and the
   * pre-trained model (tokenizer/tokenizer.json, pretrain/final/) it starts from.
   */
  public static void finetune(StageInput in) throws IOException {
    FinetuneActivity.finetune(new StageShell.StageContext(new RunFolder(Path.of(in.runDir())), in,
        Optional.empty(), p -> {}));
  }
}
