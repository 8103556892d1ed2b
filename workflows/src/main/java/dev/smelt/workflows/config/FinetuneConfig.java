package dev.smelt.workflows.config;

import java.util.List;

/**
 * Fine-tuning a classifier on the pre-trained backbone.
 *
 * @param task task name, used as the folder under finetune/ (e.g. "sentiment")
 * @param inputs labelled example files (JSONL, one {"text", "label"} object a line), absolute paths
 * @param testFraction share of examples, chosen by a hash of the text, held out for testing
 * @param curveSizes training-set sizes of the learning curve (nested subsets chosen by a hash of
 *     the text); the whole training split is always added as the last point
 * @param curveSteps optimizer steps of each learning-curve model (0 = finetune.steps)
 */
public record FinetuneConfig(
    String task,
    List<String> inputs,
    int steps,
    int batchSize,
    double learningRate,
    int warmupSteps,
    double weightDecay,
    int maxLength,
    double testFraction,
    List<Integer> curveSizes,
    int curveSteps) {}
