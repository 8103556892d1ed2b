package dev.smelt.activities.finetune;

import dev.smelt.workflows.stage.FinetuneResult;
import dev.smelt.workflows.stage.StopReason;
import java.nio.file.Path;

/**
 * What fine-tuning produced: the test accuracy it reached, each test example's predicted class, and
 * the majority-class baseline. {@code modelDir} is null when the job did not save the model;
 * {@code steps} are those it trained, {@code stopReason} why it ended there (null in outcomes written
 * before it existed).
 */
public record FinetuneOutcome(
    String task,
    int steps,
    double firstLoss,
    double lastLoss,
    int trainExamples,
    int testExamples,
    int numClasses,
    double accuracy,
    int[] testPredictions,
    double majorityBaseline,
    Path modelDir,
    double seconds,
    StopReason stopReason) {
  public FinetuneResult toResult() {
    return new FinetuneResult(task, steps, firstLoss, lastLoss, trainExamples, testExamples,
        String.valueOf(modelDir), seconds);
  }
}
