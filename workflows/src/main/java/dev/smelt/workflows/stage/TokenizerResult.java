package dev.smelt.workflows.stage;

/** Outcome of tokenizer training and sharding. */
public record TokenizerResult(
    int vocabSize,
    long trainDocuments,
    long valDocuments,
    long trainTokens,
    long valTokens,
    String tokenizerPath,
    double seconds) {}
