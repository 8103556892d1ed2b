package dev.smelt.workflows.stage;

/**
 * Heartbeat details of every long activity. For training, {@code done} is the step and
 * {@code lastCheckpoint} the newest complete checkpoint folder (null before the first); a retried
 * attempt reads it to resume. Progress displays read {@code done/total} and {@code metric}.
 */
public record TrainingProgress(
    String stage,
    long done,
    long total,
    String unit,
    double metric,
    String lastCheckpoint,
    double tokensPerSecond) {}
