package dev.smelt.workflows.config;

/**
 * Byte-level BPE trained on the kept text.
 *
 * @param vocabSize final vocabulary size, including the 256 byte tokens and the special tokens
 * @param minFrequency a pair seen fewer times than this is never merged
 * @param maxTrainChars cap on the characters of kept text the trainer reads (0 = all)
 */
public record TokenizerConfig(int vocabSize, int minFrequency, long maxTrainChars) {}
