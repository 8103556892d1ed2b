package dev.smelt.settings;

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
 * @param gradAccumulation micro-batches per optimizer step; batchSize stays the sequences of one
 *     whole step and must divide by it (each micro-batch holds batchSize / gradAccumulation)
 * @param maxMinutes wall-clock budget of training, counted across resumes (0 = none): the run stops
 *     cleanly with a checkpoint and final/ and reports stop reason "budget"
 * @param earlyStopPatience validation measurements without improvement before stopping (0 = off)
 * @param earlyStopMinDelta how much lower a validation loss must be to count as an improvement
 * @param checkpointEveryMinutes wall-clock minutes between checkpoints (0 = off), in addition to
 *     checkpointEvery steps
 * @param maskProbability share of tokens a masked-LM step selects for prediction
 * @param device "auto" (a GPU if DJL sees one, else the CPU), "cpu" or "gpu"
 * @param queue the task queue of pre-training, fine-tuning and the baselines: {@code cpu}
 *     (smelt-cpu, with every other stage) or {@code gpu} (smelt-gpu: a worker started with
 *     {@code --queues gpu} must poll it)
 * @param initFrom warm start: "none", "last" (the newest other run folder beside this one whose
 *     pre-training finished) or a run id; pre-training then starts from that run's
 *     pretrain/final weights with a fresh optimizer
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
    int heartbeatTimeoutSeconds,
    int gradAccumulation,
    double maxMinutes,
    int earlyStopPatience,
    double earlyStopMinDelta,
    double checkpointEveryMinutes,
    double maskProbability,
    String device,
    WorkerQueue queue,
    String initFrom) {
  /** {@code initFrom} when no warm start is asked for. */
  public static final String NO_INIT = "none";

  /** Whether pre-training starts from an earlier run's weights. */
  public boolean warmStart() {
    return initFrom != null && !initFrom.isEmpty() && !NO_INIT.equals(initFrom);
  }
}
