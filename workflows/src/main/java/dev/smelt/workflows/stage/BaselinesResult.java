package dev.smelt.workflows.stage;

import java.util.List;

/**
 * The comparisons fine-tuning must beat, on the same test split: the same architecture trained
 * from random weights with fine-tuning's budget, a bag-of-words logistic regression, and the
 * learning curve of every model over nested subsets of the training examples.
 */
public record BaselinesResult(
    String task,
    String scratchModelDir,
    String bowModelPath,
    List<CurvePoint> curve,
    double seconds) {}
