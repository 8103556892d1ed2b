package dev.smelt.activities.stage;

import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.data.CleanDocs;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.pipeline.tokenize.ByteLevelBpeTrainer;
import dev.smelt.pipeline.tokenize.TokenShardPipeline;
import dev.smelt.pipeline.tokenize.TokenShardStats;
import dev.smelt.workflows.config.RunConfig;
import dev.smelt.workflows.config.TokenizerConfig;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TokenizerResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Trains the byte-level BPE on the kept text, then writes the train and validation shards. */
public class TokenizerActivity implements StageActivities.Tokenizer {
  private final Path runsRoot;

  /** {@code runsRoot}: the only folder whose run folders this worker writes in. */
  public TokenizerActivity(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  @Override
  public TokenizerResult train(StageInput in) {
    return StageShell.run(Stage.TOKENIZER, in, runsRoot, TokenizerActivity::train);
  }

  /** The stage body: tokenizer/tokenizer.json, then data/shards and data/val. */
  static TokenizerResult train(StageShell.StageContext ctx) throws IOException {
    RunFolder run = ctx.run();
    RunConfig c = ctx.input().config();
    TokenizerConfig tc = c.tokenizer();
    long t0 = System.nanoTime();
    RunFiles.deleteRecursively(run, run.shards());
    RunFiles.deleteRecursively(run, run.val());
    List<Doc> docs = CleanDocs.read(run.data());
    if (docs.isEmpty()) {
      throw PermanentFailure.of("no kept documents in " + run.data().resolve(CleanDocs.FOLDER)
          + " to train a tokenizer on; run the data stage again");
    }
    ctx.progress().accept(Stage.TOKENIZER.progress(1, 3));
    BpeTokenizer tokenizer = new ByteLevelBpeTrainer(tc.vocabSize(), tc.minFrequency(),
        tc.maxTrainChars()).train(docs.stream().map(Doc::text));
    Files.createDirectories(run.tokenizerJson().getParent());
    tokenizer.save(run.tokenizerJson());
    ctx.progress().accept(Stage.TOKENIZER.progress(2, 3));
    TokenShardStats stats = TokenShardPipeline.run(new TokenShardPipeline.TokenShardSpec(run.data(),
        run.tokenizerJson(), c.data().valFraction(), c.data().runner(),
        DataStage.beamArgs(c.data(), List.of())));
    requireUsableShards(stats, c.model().contextLength(), c.data().valFraction());
    ctx.progress().accept(Stage.TOKENIZER.progress(3, 3));
    return new TokenizerResult(tokenizer.vocabSize(), stats.trainDocs(), stats.valDocs(),
        stats.trainTokens(), stats.valTokens(), run.tokenizerJson().toString(),
        (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Shards the model cannot train or be measured on fail for good: pre-training needs one window
   * of model.contextLength + 1 tokens, perplexity at least 2 held-out tokens.
   */
  static void requireUsableShards(TokenShardStats s, int contextLength, double valFraction) {
    int window = contextLength + 1;
    if (s.trainTokens() < window) {
      throw PermanentFailure.of("the training split holds " + s.trainTokens() + " tokens ("
          + s.trainDocs() + " documents), fewer than one window of model.contextLength + 1 = "
          + window + "; add text, lower data.valFraction (" + valFraction
          + ") or lower model.contextLength");
    }
    if (s.valTokens() < 2) {
      throw PermanentFailure.of("the held-out split holds " + s.valTokens() + " tokens ("
          + s.valDocs() + " documents); perplexity needs at least 2; add documents or raise "
          + "data.valFraction (" + valFraction + ")");
    }
  }
}
