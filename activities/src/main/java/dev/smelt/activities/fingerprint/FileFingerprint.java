package dev.smelt.activities.fingerprint;

/**
 * One file a stage consumed or wrote: {@code path} absolute for an input, relative to the run
 * folder ('/'-separated) for an output.
 */
public record FileFingerprint(String path, long size, String sha256) {}
