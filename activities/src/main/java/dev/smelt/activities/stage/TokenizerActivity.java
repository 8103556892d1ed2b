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
import dev.smelt.workflows.stage.StageActivities;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.TokenizerResult;
import dev.smelt.workflows.stage.TrainingProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    RunFolder run = RunFolder.confined(in.runDir(), runsRoot);
    RunConfig c = in.config();
    TokenizerConfig tc = c.tokenizer();
    long t0 = System.nanoTime();
    RunFiles.deleteRecursively(run, run.shards());
    RunFiles.deleteRecursively(run, run.val());
    try (StageHeartbeat hb = StageHeartbeat.start("tokenizer", "steps")) {
      List<Doc> docs = CleanDocs.read(run.data());
      hb.progress(new TrainingProgress("tokenizer", 1, 3, "steps", Double.NaN, null, Double.NaN));
      BpeTokenizer tokenizer = new ByteLevelBpeTrainer(tc.vocabSize(), tc.minFrequency(),
          tc.maxTrainChars()).train(docs.stream().map(Doc::text));
      Files.createDirectories(run.tokenizerJson().getParent());
      tokenizer.save(run.tokenizerJson());
      hb.progress(new TrainingProgress("tokenizer", 2, 3, "steps", Double.NaN, null, Double.NaN));
      TokenShardStats stats = TokenShardPipeline.run(new TokenShardPipeline.TokenShardSpec(run.data(),
          run.tokenizerJson(), c.data().valFraction(), c.data().runner(), List.of()));
      hb.progress(new TrainingProgress("tokenizer", 3, 3, "steps", Double.NaN, null, Double.NaN));
      return new TokenizerResult(tokenizer.vocabSize(), stats.trainDocs(),
          stats.valDocs(), stats.trainTokens(), stats.valTokens(),
          run.tokenizerJson().toString(), (System.nanoTime() - t0) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException("tokenizer stage of run " + in.runId() + " failed", e);
    }
  }
}
