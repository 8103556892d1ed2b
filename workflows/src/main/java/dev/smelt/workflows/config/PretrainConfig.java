package dev.smelt.workflows.config;

/**
 * Pre-training loop.
 *
 * @param objective "causal" (next token) or "masked" (BERT-style)
 * @param steps optimizer steps
 * @param batchSize sequences per step
 * @param learningRate peak learning rate, reached after warmupSteps, then cosine to minLearningRate
 * @param gradClip global gradient-norm limit (0 = none)
 * @param logEvery steps between lines of metrics.jsonl
 * @param evalEvery steps between validation-loss measurements (0 = only at the end)
 * @param checkpointEvery steps between checkpoints (0 = only at the end)
 * @param keepCheckpoints how many of the newest checkpoints are kept
 * @param heartbeatTimeoutSeconds after this long without a heartbeat the activity is retried
 */
public record PretrainConfig(
    String objective,
    int steps,
    int batchSize,
    double learningRate,
    double minLearningRate,
    int warmupSteps,
    double weightDecay,
    double gradClip,
    int logEvery,
    int evalEvery,
    int checkpointEvery,
    int keepCheckpoints,
    int heartbeatTimeoutSeconds) {}
