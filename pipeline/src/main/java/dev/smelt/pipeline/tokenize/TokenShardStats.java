package dev.smelt.pipeline.tokenize;

/** What the tokenize stage wrote; tokens include each document's end-of-text token. */
public record TokenShardStats(long trainDocs, long trainTokens, long valDocs, long valTokens) {}
