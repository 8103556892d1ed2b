package dev.smelt.infra.cli;

import io.temporal.failure.ActivityFailure;
import java.util.Map;
import java.util.Optional;

/**
 * A run that ended in failure, as the one line the CLI prints: "run X failed in stage data: why".
 * The cause keeps the whole chain for {@code --verbose}.
 */
final class RunFailedException extends RuntimeException {
  /** Activity types (StageActivities' {@code @ActivityMethod} names) by the stage they run. */
  private static final Map<String, String> STAGE_OF_ACTIVITY = Map.of("PrepareData", "data",
      "TrainTokenizer", "tokenizer", "Pretrain", "pretrain", "Finetune", "finetune",
      "Baselines", "baselines", "Evaluate", "evaluate", "WriteReport", "report");

  private RunFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The failure of run {@code runId}'s workflow, named by the stage whose activity failed. */
  static RunFailedException of(String runId, Throwable failure) {
    Optional<String> stage = find(failure, ActivityFailure.class)
        .map(a -> STAGE_OF_ACTIVITY.getOrDefault(a.getActivityType(), a.getActivityType()));
    return new RunFailedException("run " + runId + " failed"
        + stage.map(s -> " in stage " + s).orElse("") + ": " + SmeltCli.oneLine(failure), failure);
  }

  /** The first throwable of {@code type} in the cause chain of {@code failure}. */
  static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }
}
