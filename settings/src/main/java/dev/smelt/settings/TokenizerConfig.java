package dev.smelt.settings;

/**
 * Byte-level BPE trained on the kept text.
 *
 * @param vocabSize final vocabulary size, including the 256 byte tokens and the special tokens
 * @param minFrequency a pair seen fewer times than this is never merged
 * @param maxTrainChars cap on the characters of kept text the trainer reads (0 = all)
 * @param maxWordTypes most distinct pre-tokenized words the trainer's count table holds; past it
 *     the rarest are pruned (default and its reasons: smelt-defaults.yaml)
 */
public record TokenizerConfig(int vocabSize, int minFrequency, long maxTrainChars,
    int maxWordTypes) {}
