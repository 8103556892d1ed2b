package dev.smelt.workflows.run;

import dev.smelt.workflows.stage.Stage;
import java.util.List;

/**
 * Answer to the status query: the stages in order, how many are done, the current one, and which
 * of the done ones were served from the cache.
 */
public record RunStatus(List<String> stages, int completed, String current, List<String> cached) {
  public static final List<String> STAGES = Stage.ids();

  public RunStatus {
    cached = cached == null ? List.of() : List.copyOf(cached);
  }

  public RunStatus(List<String> stages, int completed, String current) {
    this(stages, completed, current, List.of());
  }
}
