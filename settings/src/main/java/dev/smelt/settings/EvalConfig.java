package dev.smelt.settings;

import java.util.List;

/**
 * @param maxValSequences cap on validation windows scored for perplexity (0 = all)
 * @param bootstrapResamples resamples of the test split behind every 95 % interval
 * @param clozeItems last-word prediction items cut from held-out documents (0 = off)
 * @param decontaminationNgram n-gram length (in lower-cased words) of the overlap check
 * @param oodInputs a second corpus of another genre (.txt, or .jsonl with a "text" field) whose
 *     perplexity is reported as out-of-domain; empty = off
 */
public record EvalConfig(
    int maxValSequences,
    int bootstrapResamples,
    int clozeItems,
    int decontaminationNgram,
    List<String> oodInputs) {}
