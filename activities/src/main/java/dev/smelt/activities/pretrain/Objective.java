package dev.smelt.activities.pretrain;

import dev.smelt.activities.model.Gpt;
import dev.smelt.settings.PretrainConfig;
import java.util.Arrays;
import java.util.List;

/** What pre-training predicts ({@code pretrain.objective}) and how validation measures it. */
interface Objective {
  /** Whether the model attends both ways (masked) or only to the past (causal). */
  boolean bidirectional();

  /** The step's model inputs, targets and scored positions, from its windows. */
  StepBatch prepare(TokenBatch windows, int step);

  /** Validation loss of the objective on held-out windows; the same model gives the same number. */
  double validationLoss(Gpt gpt, List<int[]> valDocs, int batchSize);

  static Objective of(PretrainConfig cfg, int vocabSize, long seed) {
    return switch (cfg.objective()) {
      case "causal" -> new CausalObjective();
      case "masked" -> new MaskedObjective(cfg.maskProbability(), vocabSize, seed);
      default -> throw new IllegalArgumentException("key 'pretrain.objective' must be causal or "
          + "masked, got '" + cfg.objective() + "'");
    };
  }

  /**
   * One step's rows (row-major, rows × length). {@code weights} marks the scored positions (null:
   * all); {@code scored} counts them over the whole step, so micro-batch losses divided by it add
   * up to the step's mean loss exactly.
   */
  record StepBatch(long[] inputs, long[] targets, float[] weights, int rows, int length,
      long scored) {
    /** Rows {@code [from, from + count)}, still scaled by the whole step's {@code scored}. */
    StepBatch rows(int from, int count) {
      int a = from * length;
      int b = (from + count) * length;
      return new StepBatch(Arrays.copyOfRange(inputs, a, b), Arrays.copyOfRange(targets, a, b),
          weights == null ? null : Arrays.copyOfRange(weights, a, b), count, length, scored);
    }
  }
}
