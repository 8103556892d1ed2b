package dev.smelt.workflows.stage;

/** Outcome of fine-tuning one classification task. */
public record FinetuneResult(
    String task,
    int steps,
    double firstLoss,
    double lastLoss,
    int trainExamples,
    int testExamples,
    String modelDir,
    double seconds) {}
