package dev.smelt.workflows.stage;

import java.util.List;

/**
 * Held-out evaluation of the pre-trained and the fine-tuned model, and of the baselines on the same
 * test split. Every number is also in eval/results.json.
 */
public record EvalResult(
    double valLoss,
    double perplexity,
    /** Held-out nats / (ln 2 × UTF-8 bytes of the scored text): comparable across tokenizers. */
    double bitsPerByte,
    long valTokens,
    String task,
    double accuracy,
    int testExamples,
    double majorityBaseline,
    List<ModelScore> scores,
    double clozeAccuracy,
    int clozeItems,
    List<BiasScore> bias,
    double biasScore,
    List<Contamination> contamination,
    String oodCorpus,
    double oodPerplexity,
    double oodBitsPerByte,
    double seconds) {}
