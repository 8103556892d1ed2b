package dev.smelt.workflows.stage;

import java.util.List;
import java.util.Optional;

/** What the baselines stage produced: one result per task of finetune.tasks, in run order. */
public record BaselinesResults(List<BaselinesResult> tasks) {
  public BaselinesResults {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  /** Seconds of the whole stage: its tasks ran one after another. */
  public double seconds() {
    return tasks.stream().mapToDouble(BaselinesResult::seconds).sum();
  }

  /** The baselines of {@code task}, if the stage trained them. */
  public Optional<BaselinesResult> of(String task) {
    return tasks.stream().filter(b -> b.task().equals(task)).findFirst();
  }
}
