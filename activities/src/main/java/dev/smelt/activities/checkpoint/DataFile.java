package dev.smelt.activities.checkpoint;

/**
 * One file a checkpoint was trained on, as {@code state.json} records it.
 *
 * @param path relative to the run folder, '/'-separated: "data/shards/part-00000.parquet"
 * @param sha256 lower-case hex of the file's bytes
 */
public record DataFile(String path, String sha256) {}
