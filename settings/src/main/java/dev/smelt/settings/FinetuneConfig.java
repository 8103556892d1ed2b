package dev.smelt.settings;

import java.util.List;

/**
 * Fine-tuning classifiers on the pre-trained backbone: one per task of {@code tasks}, each with
 * the shared settings below (a task may set its own step count).
 *
 * @param tasks the tasks, in run order; the first is the headline of the report and the summary
 * @param testFraction share of examples, chosen by a hash of the text, held out for testing
 * @param curveSizes training-set sizes of the learning curve (nested subsets chosen by a hash of
 *     the text); the whole training split is always added as the last point
 * @param curveSteps optimizer steps of each learning-curve model (0 = finetune.steps)
 */
public record FinetuneConfig(
    List<FinetuneTask> tasks,
    int steps,
    int batchSize,
    double learningRate,
    int warmupSteps,
    double weightDecay,
    int maxLength,
    double testFraction,
    List<Integer> curveSizes,
    int curveSteps) {
  public FinetuneConfig {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  /** A config of the one task {@code task} with integer labels, reading {@code inputs}. */
  public FinetuneConfig(String task, List<String> inputs, int steps, int batchSize,
      double learningRate, int warmupSteps, double weightDecay, int maxLength, double testFraction,
      List<Integer> curveSizes, int curveSteps) {
    this(List.of(new FinetuneTask(task, inputs, List.of(), 0)), steps, batchSize, learningRate,
        warmupSteps, weightDecay, maxLength, testFraction, curveSizes, curveSteps);
  }

  /** The name of the first task: the one a single-task config is about. */
  public String task() {
    return tasks.isEmpty() ? "" : tasks.get(0).name();
  }

  /** The inputs of the first task. */
  public List<String> inputs() {
    return tasks.isEmpty() ? List.of() : tasks.get(0).inputs();
  }

  /** The labels of the first task (empty: integer labels). */
  public List<String> labels() {
    return tasks.isEmpty() ? List.of() : tasks.get(0).labels();
  }

  /** These settings for {@code t} alone: its step count when it sets one, {@code tasks} = [t]. */
  public FinetuneConfig forTask(FinetuneTask t) {
    return new FinetuneConfig(List.of(t), t.steps() > 0 ? t.steps() : steps, batchSize,
        learningRate, warmupSteps, weightDecay, maxLength, testFraction, curveSizes, curveSteps);
  }

  /** One config per task, in run order ({@link #forTask}). */
  public List<FinetuneConfig> perTask() {
    return tasks.stream().map(this::forTask).toList();
  }
}
