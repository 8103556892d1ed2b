package dev.smelt.pipeline.data;

/**
 * How far the data stage has got, from the runner's attempted counters (which a runner may update
 * late, and may count twice for retried work, so treat them as an estimate until the end).
 *
 * @param filesRead input files fully read
 * @param filesTotal input files to read
 * @param documentsRead documents and read rejects produced so far
 * @param rejected documents rejected so far, by any stage
 * @param seconds time since the run started
 */
public record DataProgress(
    long filesRead, long filesTotal, long documentsRead, long rejected, double seconds) {}
