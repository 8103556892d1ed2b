package dev.smelt.workflows.config;

/** @param maxValSequences cap on validation windows scored for perplexity (0 = all) */
public record EvalConfig(int maxValSequences) {}
