package dev.smelt.workflows.stage;

/** Held-out evaluation of the pre-trained and the fine-tuned model. */
public record EvalResult(
    double valLoss,
    double perplexity,
    long valTokens,
    String task,
    double accuracy,
    int testExamples,
    double majorityBaseline,
    double seconds) {}
