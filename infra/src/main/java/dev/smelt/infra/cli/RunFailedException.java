package dev.smelt.infra.cli;

import dev.smelt.workflows.stage.Stage;
import io.temporal.failure.ActivityFailure;
import java.util.Optional;

/**
 * A run that ended in failure, as the one line the CLI prints: "run X failed in stage data: why".
 * The cause keeps the whole chain for {@code --verbose}.
 */
final class RunFailedException extends RuntimeException {
  private RunFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The failure of run {@code runId}'s workflow, named by the stage whose activity failed. */
  static RunFailedException of(String runId, Throwable failure) {
    Optional<String> stage = find(failure, ActivityFailure.class)
        .map(a -> Stage.ofActivityType(a.getActivityType()).map(Stage::id)
            .orElse(a.getActivityType()));
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
