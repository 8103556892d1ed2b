package dev.smelt.settings;

import java.util.List;

/**
 * One classification task of {@code finetune.tasks}: fine-tuned, baselined and evaluated on its own
 * split, in its own finetune/NAME and baselines/NAME folders.
 *
 * @param name task name, the folder under finetune/ and baselines/ (e.g. "spam")
 * @param inputs labelled example files (JSONL, one {"text", "label"} object a line), absolute paths
 * @param labels the class names in class order; a line's label is one of them or its index.
 *     Empty: labels are the integers 0, 1, ... as written
 * @param steps fine-tuning optimizer steps of this task (0 = finetune.steps)
 */
public record FinetuneTask(String name, List<String> inputs, List<String> labels, int steps) {
  public FinetuneTask {
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    labels = labels == null ? List.of() : List.copyOf(labels);
  }
}
