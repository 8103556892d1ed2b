package dev.smelt.workflows.stage;

/**
 * A stage's fingerprint, checked against the run folder's record of it. {@code cached} when a
 * finished record has this fingerprint and its output files still hash to what it recorded; then
 * {@code outputHash} is theirs (else empty).
 */
public record StageCheck(Stage stage, String fingerprint, boolean cached, String outputHash) {}
