package dev.smelt.activities.fingerprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.activities.stage.RunFiles;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageCheck;
import dev.smelt.workflows.stage.StageInput;
import dev.smelt.workflows.stage.StageOutputHash;
import dev.smelt.workflows.stage.TrainingProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The stage records of one run folder ({@code stages/<stage>.json}) and the decisions made on
 * them: whether a stage is served from its record, and what is cleared before it runs again.
 */
public final class StageLedger {
  /** Folder of the stage records and the file-hash cache, inside the run folder. */
  public static final String FOLDER = "stages";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunFolder run;
  private final Consumer<TrainingProgress> progress;

  public StageLedger(RunFolder run, Consumer<TrainingProgress> progress) {
    this.run = run;
    this.progress = progress;
  }

  /**
   * Fingerprints {@code stage} and says whether its finished record matches with its outputs
   * intact. Otherwise it is recorded as started, its outputs cleared first unless the record is
   * an unfinished attempt with this same fingerprint (which the stage then resumes).
   */
  public StageCheck open(StageInput in, Stage stage, List<StageOutputHash> upstream)
      throws IOException {
    FileHashes hashes = FileHashes.open(hashCache());
    StageFingerprints prints = new StageFingerprints(run, hashes, progress);
    StageRecord.Consumed consumed = prints.consumed(in.config(), stage, upstream);
    String fingerprint = sha256(consumed);
    Optional<StageRecord> old = read(stage);
    boolean forced = in.rerun().contains(stage);
    if (!forced && old.isPresent() && old.get().finished()
        && old.get().fingerprint().equals(fingerprint)) {
      String now = sha256(prints.outputs(in.config(), stage));
      if (now.equals(old.get().outputHash())) {
        hashes.save();
        return new StageCheck(stage, fingerprint, true, now);
      }
    }
    boolean resumes = !forced && old.isPresent() && !old.get().finished()
        && old.get().fingerprint().equals(fingerprint);
    if (!resumes) {
      for (Path p : StageFiles.outputs(stage, run, in.config())) {
        RunFiles.deleteRecursively(run, p);
      }
    }
    write(new StageRecord(stage.id(), fingerprint, consumed, false, List.of(), "", null, null));
    hashes.save();
    return new StageCheck(stage, fingerprint, false, "");
  }

  /** Records the stage opened as {@code check} finished: hashes its outputs, keeps its result. */
  public String finish(StageInput in, StageCheck check, Object result) throws IOException {
    FileHashes hashes = FileHashes.open(hashCache());
    List<FileFingerprint> outputs = new StageFingerprints(run, hashes, progress)
        .outputs(in.config(), check.stage());
    String outputHash = sha256(outputs);
    StageRecord opened = read(check.stage())
        .filter(r -> r.fingerprint().equals(check.fingerprint()))
        .orElseThrow(() -> PermanentFailure.of("the record " + file(check.stage()) + " of the "
            + check.stage().label() + " changed while it ran; was the run resumed twice at once?"));
    write(opened.finished(outputs, outputHash, JSON.valueToTree(result), Instant.now().toString()));
    hashes.save();
    return outputHash;
  }

  /** The result a finished record of {@code stage} holds. */
  public JsonNode cachedResult(Stage stage) throws IOException {
    return read(stage).filter(StageRecord::finished).map(StageRecord::result)
        .orElseThrow(() -> PermanentFailure.of("no finished record " + file(stage) + " to serve the "
            + stage.label() + " from; resume the run again to rerun it"));
  }

  /** The record of {@code stage}, if it has a readable one. */
  public Optional<StageRecord> read(Stage stage) {
    Path f = file(stage);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(f.toFile(), StageRecord.class));
    } catch (IOException damaged) { // a damaged record only costs running the stage again
      return Optional.empty();
    }
  }

  Path file(Stage stage) {
    return run.root().resolve(FOLDER).resolve(stage.id() + ".json");
  }

  private Path hashCache() {
    return run.root().resolve(FOLDER).resolve("file-hashes.json");
  }

  private void write(StageRecord r) throws IOException {
    Path f = run.inside(file(Stage.ofId(r.stage()).orElseThrow()));
    Files.createDirectories(f.getParent());
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), r);
    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** sha256 of a value's JSON: records serialise their components in declaration order. */
  static String sha256(Object value) throws IOException {
    try {
      byte[] json = JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode emptyObject() {
    return JSON.createObjectNode();
  }

  static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }
}
