package dev.smelt.workflows.stage;

import java.util.List;

/** What the fine-tune stage produced: one result per task of finetune.tasks, in run order. */
public record FinetuneResults(List<FinetuneResult> tasks) {
  public FinetuneResults {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  /** Seconds of the whole stage: its tasks ran one after another. */
  public double seconds() {
    return tasks.stream().mapToDouble(FinetuneResult::seconds).sum();
  }
}
