package dev.smelt.activities.checkpoint;

import dev.smelt.workflows.stage.StopReason;
import java.util.List;

/**
 * The non-tensor part of a checkpoint ({@code state.json}). Dropout randomness is re-seeded every
 * step from {@code seed} and the step ({@code seedScheme}), so no RNG state needs saving.
 *
 * @param cursorEpoch data cursor: epoch of the window order
 * @param cursorPosition data cursor: windows of that epoch already served
 * @param configHash hash of everything that must match for a resume to be exact
 * @param firstLoss loss of step 1, so a resumed run can still report it
 * @param lastLoss loss of this checkpoint's step
 * @param tokens training tokens consumed up to this step
 * @param bestValLoss early stopping: the best validation loss so far (Infinity before the first)
 * @param evalsWithoutImprovement early stopping: validations since the best one
 * @param trainingSeconds wall-clock training time up to this step, earlier attempts included
 * @param stopReason null while training goes on or may go on (a completed or stopped run);
 *     {@link StopReason#BUDGET} or {@link StopReason#EARLY_STOP} ("budget", "early_stop") when it
 *     stopped here for good, so a retried attempt finishes instead of training on
 * @param trainedOn the token shards (train, then val, in name order) and tokenizer.json this
 *     checkpoint was trained on, with their sha256; a resume onto other data is refused
 * @param intraOpThreads PyTorch's intra-op thread count that trained up to here (0 = not
 *     recorded): results are bit-identical only at the same count, so a resume at another warns
 * @param initFrom the model a warm start began from, "<run-id> sha256:<hex>" of its
 *     model.safetensors; null for a run from random weights. A resume with another is refused
 */
public record TrainingState(
    int step,
    long cursorEpoch,
    long cursorPosition,
    long seed,
    String seedScheme,
    String configHash,
    double firstLoss,
    double lastLoss,
    long tokens,
    double bestValLoss,
    int evalsWithoutImprovement,
    double trainingSeconds,
    StopReason stopReason,
    List<DataFile> trainedOn,
    int intraOpThreads,
    String initFrom) {
  /** A state of a run from random weights. */
  public TrainingState(int step, long cursorEpoch, long cursorPosition, long seed,
      String seedScheme, String configHash, double firstLoss, double lastLoss, long tokens,
      double bestValLoss, int evalsWithoutImprovement, double trainingSeconds, StopReason stopReason,
      List<DataFile> trainedOn, int intraOpThreads) {
    this(step, cursorEpoch, cursorPosition, seed, seedScheme, configHash, firstLoss, lastLoss,
        tokens, bestValLoss, evalsWithoutImprovement, trainingSeconds, stopReason, trainedOn,
        intraOpThreads, null);
  }

  /** A state that does not record its thread count. */
  public TrainingState(int step, long cursorEpoch, long cursorPosition, long seed,
      String seedScheme, String configHash, double firstLoss, double lastLoss, long tokens,
      double bestValLoss, int evalsWithoutImprovement, double trainingSeconds, StopReason stopReason,
      List<DataFile> trainedOn) {
    this(step, cursorEpoch, cursorPosition, seed, seedScheme, configHash, firstLoss, lastLoss,
        tokens, bestValLoss, evalsWithoutImprovement, trainingSeconds, stopReason, trainedOn, 0);
  }
}
