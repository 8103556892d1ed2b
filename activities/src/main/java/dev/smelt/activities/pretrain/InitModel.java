package dev.smelt.activities.pretrain;

import java.nio.file.Path;

/**
 * The model a warm-started pre-training begins from: {@code pretrain.initFrom} resolved to one
 * run's {@code pretrain/final}.
 *
 * @param runId the run that trained it
 * @param dir its {@code pretrain/final} folder
 * @param sha256 of its model.safetensors: recorded in every checkpoint, checked on resume
 */
public record InitModel(String runId, Path dir, String sha256) {
  /** "run-7 (model.safetensors 0a1b2c3d4e5f)", for messages and the report. */
  public String shown() {
    return runId + " (model.safetensors " + sha256.substring(0, Math.min(12, sha256.length())) + ")";
  }

  /** What a checkpoint's state.json records of it. */
  public String recorded() {
    return runId + " sha256:" + sha256;
  }
}
