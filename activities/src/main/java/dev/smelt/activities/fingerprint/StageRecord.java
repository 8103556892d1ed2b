package dev.smelt.activities.fingerprint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smelt.workflows.stage.StageOutputHash;
import java.util.List;

/**
 * {@code stages/<stage>.json}: what a stage consumed (its fingerprint and the parts it is the
 * hash of), and once it finished, what it wrote and the result it returned.
 *
 * @param fingerprint sha256 of {@code consumed} as JSON
 * @param finished false from the moment the stage starts until it has returned
 * @param outputHash sha256 of {@code outputs} as JSON (empty while unfinished)
 * @param result the stage's result record as the workflow received it (null while unfinished)
 */
public record StageRecord(String stage, String fingerprint, Consumed consumed, boolean finished,
    List<FileFingerprint> outputs, String outputHash, JsonNode result, String finishedAt) {

  /**
   * What a stage consumed: its input files, its config section (dotted key → value), the output
   * hashes of the stages it reads and the code version ({@link CodeVersion}).
   */
  public record Consumed(List<FileFingerprint> inputs, JsonNode config,
      List<StageOutputHash> upstream, String code) {}

  /** This record, finished with these outputs and result. */
  StageRecord finished(List<FileFingerprint> out, String hash, JsonNode value, String at) {
    return new StageRecord(stage, fingerprint, consumed, true, out, hash, value, at);
  }
}
