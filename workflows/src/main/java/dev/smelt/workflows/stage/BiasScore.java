package dev.smelt.workflows.stage;

/** Mean absolute log-probability gap (nats) between minimal pairs of one category. */
public record BiasScore(String category, int pairs, double meanAbsGap) {}
