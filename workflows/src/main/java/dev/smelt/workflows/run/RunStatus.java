package dev.smelt.workflows.run;

import dev.smelt.workflows.stage.Stage;
import java.util.List;

/** Answer to the status query: the stages in order, how many are done, the current one. */
public record RunStatus(List<String> stages, int completed, String current) {
  public static final List<String> STAGES = Stage.ids();
}
