package dev.smelt.activities.stage;

import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.data.CleanDocs;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.pipeline.tokenize.ByteLevelBpeTrainer;
import dev.smelt.pipeline.tokenize.CleanTextCounts;
import dev.smelt.pipeline.tokenize.TokenShardPipeline;
import dev.smelt.pipeline.tokenize.TokenShardStats;
import dev.smelt.pipeline.tokenize.WordCountPass;
import dev.smelt.settings.RunConfig;
import dev.smelt.settings.TokenizerConfig;
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
  static final String COUNTS_FILE = "counts.bin";
  /** A kill loses at most this much counting; a save writes the table once (~20 bytes a word). */
  private static final long SAVE_EVERY_NANOS = 30_000_000_000L;
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
    WordCountPass counted = countWords(run, tc);
    if (counted.rows() == 0) {
      throw PermanentFailure.of("no kept documents in " + run.data().resolve(CleanDocs.FOLDER)
          + " to train a tokenizer on; run the data stage again");
    }
    ctx.progress().accept(Stage.TOKENIZER.progress(1, 3));
    BpeTokenizer tokenizer = new ByteLevelBpeTrainer(tc.vocabSize(), tc.minFrequency(),
        tc.maxTrainChars()).train(counted.counts());
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
   * Counts the kept text row by row into tokenizer/counts.bin, continuing the count an earlier
   * attempt saved there.
   */
  private static WordCountPass countWords(RunFolder run, TokenizerConfig tc) throws IOException {
    Path counts = run.tokenizerJson().resolveSibling(COUNTS_FILE);
    long[] lastSave = {System.nanoTime()};
    return CleanTextCounts.count(run.data(), counts, tc.maxTrainChars(), tc.maxWordTypes(),
        rows -> {
          long now = System.nanoTime();
          boolean due = now - lastSave[0] > SAVE_EVERY_NANOS;
          lastSave[0] = due ? now : lastSave[0];
          return due;
        });
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
