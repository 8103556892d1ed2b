package dev.smelt.workflows.stage;

/**
 * The sha256 over the output files of a finished stage (each file's path relative to the run
 * folder and content sha256): what a downstream stage's fingerprint records of it.
 */
public record StageOutputHash(Stage stage, String sha256) {}
