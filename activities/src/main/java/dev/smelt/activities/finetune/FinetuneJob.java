package dev.smelt.activities.finetune;

import dev.smelt.workflows.config.FinetuneConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One fine-tuning run. The caller has already split train and test; {@code pretrainedDir} is a
 * pre-training {@code final/} folder; {@code encoder} turns text into token ids; {@code device} is a {@code pretrain.device} setting
 * (auto, cpu, gpu).
 */
public record FinetuneJob(
    FinetuneConfig config,
    Path pretrainedDir,
    List<LabelledText> train,
    List<LabelledText> test,
    Function<String, int[]> encoder,
    long seed,
    Path outDir,
    String device) {}
