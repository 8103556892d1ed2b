package dev.smelt.activities.finetune;

import dev.smelt.activities.checkpoint.CheckpointPolicy;
import dev.smelt.settings.FinetuneConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One fine-tuning run. The caller has already split train and test; {@code pretrainedDir} is a
 * pre-training {@code final/} folder; {@code encoder} turns text into token ids; {@code device} is a {@code pretrain.device} setting
 * (auto, cpu, gpu). {@code fromScratch} trains the same architecture from random weights (the
 * baseline pre-training must beat); {@code saveModel} false writes only metrics.jsonl (learning-curve
 * points); {@code checkpoints} says when the loop checkpoints (pre-training's settings);
 * {@code validation} when it stops before its steps ({@link ValidationStop}).
 */
public record FinetuneJob(
    FinetuneConfig config,
    Path pretrainedDir,
    List<LabelledText> train,
    List<LabelledText> test,
    Function<String, int[]> encoder,
    long seed,
    Path outDir,
    String device,
    boolean fromScratch,
    boolean saveModel,
    CheckpointPolicy checkpoints,
    ValidationStop validation) {
  /** A job that trains every configured step. */
  public FinetuneJob(FinetuneConfig config, Path pretrainedDir, List<LabelledText> train,
      List<LabelledText> test, Function<String, int[]> encoder, long seed, Path outDir,
      String device, boolean fromScratch, boolean saveModel, CheckpointPolicy checkpoints) {
    this(config, pretrainedDir, train, test, encoder, seed, outDir, device, fromScratch, saveModel,
        checkpoints, ValidationStop.NONE);
  }

  /** A job that checkpoints nothing on the way (a failure starts it over). */
  public FinetuneJob(FinetuneConfig config, Path pretrainedDir, List<LabelledText> train,
      List<LabelledText> test, Function<String, int[]> encoder, long seed, Path outDir,
      String device, boolean fromScratch, boolean saveModel) {
    this(config, pretrainedDir, train, test, encoder, seed, outDir, device, fromScratch, saveModel,
        CheckpointPolicy.NONE);
  }

  /** The usual job: start from the pre-trained weights and save the fine-tuned model. */
  public FinetuneJob(FinetuneConfig config, Path pretrainedDir, List<LabelledText> train,
      List<LabelledText> test, Function<String, int[]> encoder, long seed, Path outDir,
      String device) {
    this(config, pretrainedDir, train, test, encoder, seed, outDir, device, false, true);
  }
}
