package dev.smelt.activities.pretrain;

/** A batch of {@code rows} windows: inputs and next-token targets, row-major (rows × length). */
public record TokenBatch(long[] inputs, long[] targets, int rows, int length) {}
