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
 * @param curveSteps the most optimizer steps of each learning-curve model (0 = finetune.steps); it
 *     stops earlier when its validation loss stops improving (curvePatience)
 * @param curveSeeds seeds per learning-curve point (each model of a point trains once per seed)
 * @param curvePatience validation measurements in a row without a lower validation loss after
 *     which a curve model stops (0 = train to curveSteps); bag-of-words counts them in epochs
 * @param curveEvalEvery steps between the validation measurements of a curve model (bag-of-words:
 *     epochs)
 * @param curveValFraction share of each curve point's examples held out as its validation split
 *     (the point's n counts them: a model of n examples trains on the rest)
 * @param pooling what the classifier head reads of the backbone: the last token's hidden state or
 *     the mean over the text's tokens (default {@link Pooling#LAST})
 * @param freezeBackbone train the head alone on the pre-trained backbone's features (a linear
 *     probe) instead of every weight; the from-scratch baseline always trains every weight (a
 *     frozen random network is no baseline)
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
    int curveSteps,
    int curveSeeds,
    int curvePatience,
    int curveEvalEvery,
    double curveValFraction,
    Pooling pooling,
    boolean freezeBackbone) {
  /** The learning-curve rule of a config that sets none: one seed, fixed steps. */
  public static final int ONE_SEED = 1;

  public FinetuneConfig {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    pooling = pooling == null ? Pooling.LAST : pooling;
  }

  /** A config of the one task {@code task} with integer labels, reading {@code inputs}. */
  public FinetuneConfig(String task, List<String> inputs, int steps, int batchSize,
      double learningRate, int warmupSteps, double weightDecay, int maxLength, double testFraction,
      List<Integer> curveSizes, int curveSteps) {
    this(List.of(new FinetuneTask(task, inputs, List.of(), 0)), steps, batchSize, learningRate,
        warmupSteps, weightDecay, maxLength, testFraction, curveSizes, curveSteps);
  }

  /** As the canonical constructor, with a curve of one seed and fixed steps (no early stop). */
  public FinetuneConfig(List<FinetuneTask> tasks, int steps, int batchSize, double learningRate,
      int warmupSteps, double weightDecay, int maxLength, double testFraction,
      List<Integer> curveSizes, int curveSteps) {
    this(tasks, steps, batchSize, learningRate, warmupSteps, weightDecay, maxLength, testFraction,
        curveSizes, curveSteps, ONE_SEED, 0, 0, 0, Pooling.LAST, false);
  }

  /** These settings with the curve rule: seeds, patience, validation cadence and share. */
  public FinetuneConfig withCurve(int seeds, int patience, int evalEvery, double valFraction) {
    return new FinetuneConfig(tasks, steps, batchSize, learningRate, warmupSteps, weightDecay,
        maxLength, testFraction, curveSizes, curveSteps, seeds, patience, evalEvery, valFraction,
        pooling, freezeBackbone);
  }

  /** These settings with the classifier head reading {@code p}. */
  public FinetuneConfig withPooling(Pooling p) {
    return new FinetuneConfig(tasks, steps, batchSize, learningRate, warmupSteps, weightDecay,
        maxLength, testFraction, curveSizes, curveSteps, curveSeeds, curvePatience, curveEvalEvery,
        curveValFraction, p, freezeBackbone);
  }

  /** These settings training the head alone ({@code frozen}) or every weight. */
  public FinetuneConfig withFrozenBackbone(boolean frozen) {
    return new FinetuneConfig(tasks, steps, batchSize, learningRate, warmupSteps, weightDecay,
        maxLength, testFraction, curveSizes, curveSteps, curveSeeds, curvePatience, curveEvalEvery,
        curveValFraction, pooling, frozen);
  }

  /** These settings trained for {@code n} steps (a learning-curve model's budget), the rest kept. */
  public FinetuneConfig withSteps(int n, int warmup) {
    return new FinetuneConfig(tasks, n, batchSize, learningRate, warmup, weightDecay, maxLength,
        testFraction, curveSizes, curveSteps, curveSeeds, curvePatience, curveEvalEvery,
        curveValFraction, pooling, freezeBackbone);
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
        learningRate, warmupSteps, weightDecay, maxLength, testFraction, curveSizes, curveSteps,
        curveSeeds, curvePatience, curveEvalEvery, curveValFraction, pooling, freezeBackbone);
  }

  /** One config per task, in run order ({@link #forTask}). */
  public List<FinetuneConfig> perTask() {
    return tasks.stream().map(this::forTask).toList();
  }
}
