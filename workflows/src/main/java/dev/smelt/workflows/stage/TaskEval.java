package dev.smelt.workflows.stage;

import java.util.List;

/**
 * The test-split scores of one fine-tuning task: the fine-tuned model first, then each baseline,
 * majority class last.
 */
public record TaskEval(
    String task,
    double accuracy,
    int testExamples,
    double majorityBaseline,
    List<ModelScore> scores) {
  public TaskEval {
    scores = scores == null ? List.of() : List.copyOf(scores);
  }
}
