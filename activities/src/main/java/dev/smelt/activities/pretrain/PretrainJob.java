package dev.smelt.activities.pretrain;

import dev.smelt.activities.checkpoint.DataFile;
import dev.smelt.settings.ModelConfig;
import dev.smelt.settings.PretrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything one pre-training run needs; documents are token ids, each ending with id 0: the
 * training documents concatenated in {@code trainTokens}, the held-out ones (only as many as
 * validation scores) in {@code valDocs}. {@code trainedOn} names the files those ids came from
 * (recorded in every checkpoint, checked on resume); empty when the documents were made in memory.
 * {@code init} is the model a warm start begins from (weights only: the optimizer starts afresh).
 */
public record PretrainJob(
    ModelConfig model,
    PretrainConfig train,
    int vocabSize,
    long seed,
    TokenSource trainTokens,
    List<int[]> valDocs,
    Path outDir,
    List<DataFile> trainedOn,
    Optional<InitModel> init) {
  /** A job from random weights. */
  public PretrainJob(ModelConfig model, PretrainConfig train, int vocabSize, long seed,
      TokenSource trainTokens, List<int[]> valDocs, Path outDir, List<DataFile> trainedOn) {
    this(model, train, vocabSize, seed, trainTokens, valDocs, outDir, trainedOn, Optional.empty());
  }

  /** A job over documents made in memory: no files to bind its checkpoints to. */
  public PretrainJob(ModelConfig model, PretrainConfig train, int vocabSize, long seed,
      List<int[]> trainDocs, List<int[]> valDocs, Path outDir) {
    this(model, train, vocabSize, seed, TokenArray.of(trainDocs), valDocs, outDir, List.of());
  }

  /** This job, its checkpoints bound to {@code files}. */
  public PretrainJob withTrainedOn(List<DataFile> files) {
    return new PretrainJob(model, train, vocabSize, seed, trainTokens, valDocs, outDir, files,
        init);
  }

  /** This job, warm-started from {@code model}. */
  public PretrainJob withInit(InitModel model) {
    return new PretrainJob(this.model, train, vocabSize, seed, trainTokens, valDocs, outDir,
        trainedOn, Optional.of(model));
  }

  /**
   * Held-out tokens pre-training's validation reads: {@link Pretrainer#VAL_WINDOWS} windows of
   * the context and the one target after them; the documents past these change no loss.
   */
  public static long valTokensScored(ModelConfig model) {
    return (long) Pretrainer.VAL_WINDOWS * model.contextLength() + 1;
  }
}
