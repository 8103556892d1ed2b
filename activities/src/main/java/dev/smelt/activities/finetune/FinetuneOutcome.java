package dev.smelt.activities.finetune;

import dev.smelt.workflows.stage.FinetuneResult;
import java.nio.file.Path;

/** What fine-tuning produced, with the test accuracy it reached and the majority-class baseline. */
public record FinetuneOutcome(
    String task,
    int steps,
    double firstLoss,
    double lastLoss,
    int trainExamples,
    int testExamples,
    int numClasses,
    double accuracy,
    double majorityBaseline,
    Path modelDir,
    double seconds) {
  public FinetuneResult toResult() {
    return new FinetuneResult(task, steps, firstLoss, lastLoss, trainExamples, testExamples,
        modelDir.toString(), seconds);
  }
}
