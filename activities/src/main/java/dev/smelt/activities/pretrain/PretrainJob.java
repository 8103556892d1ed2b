package dev.smelt.activities.pretrain;

import dev.smelt.workflows.config.ModelConfig;
import dev.smelt.workflows.config.PretrainConfig;
import java.nio.file.Path;
import java.util.List;

/** Everything one pre-training run needs; documents are token ids, each ending with id 0. */
public record PretrainJob(
    ModelConfig model,
    PretrainConfig train,
    int vocabSize,
    long seed,
    List<int[]> trainDocs,
    List<int[]> valDocs,
    Path outDir) {}
