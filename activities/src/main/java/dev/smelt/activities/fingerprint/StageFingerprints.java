package dev.smelt.activities.fingerprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.StageOutputHash;
import dev.smelt.workflows.stage.TrainingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Fingerprints of what a stage consumes and writes, hashed through the run folder's
 * {@link FileHashes}. A stage's input files are the paths its config section names (the resolved
 * config holds absolute paths), folders walked as the corpus reader walks them: links not
 * followed, hidden entries skipped.
 */
final class StageFingerprints {
  /** Heartbeat at least this often while hashing, so a worker busy on a big file shows progress. */
  private static final long REPORT_BYTES = 64L << 20;

  private final RunFolder run;
  private final FileHashes hashes;
  private final Consumer<TrainingProgress> progress;

  StageFingerprints(RunFolder run, FileHashes hashes, Consumer<TrainingProgress> progress) {
    this.run = run;
    this.hashes = hashes;
    this.progress = progress;
  }

  StageRecord.Consumed consumed(RunConfig config, Stage stage, List<StageOutputHash> upstream)
      throws IOException {
    return consumed(config, stage, upstream, StageFiles.warmStart(stage, run, config));
  }

  /**
   * What {@code stage} consumes by its config alone: its section and the files that names, with
   * no upstream outputs and no warm-start model (what a scheduled run compares).
   */
  StageRecord.Consumed declared(RunConfig config, Stage stage) throws IOException {
    return consumed(config, stage, List.of(), List.of());
  }

  private StageRecord.Consumed consumed(RunConfig config, Stage stage,
      List<StageOutputHash> upstream, List<Path> extra) throws IOException {
    JsonNode tree = StageLedger.tree(config);
    ObjectNode section = StageLedger.emptyObject();
    TreeSet<Path> inputs = new TreeSet<>(extra);
    for (String key : StageFiles.section(stage)) {
      JsonNode value = key.isEmpty() ? tree : tree.at("/" + key.replace('.', '/'));
      section.set(key, value.isMissingNode() ? NullNode.getInstance() : value);
      collectPaths(value, inputs);
    }
    List<Path> files = new ArrayList<>();
    for (Path p : inputs) {
      files.addAll(walk(p, List.of()));
    }
    List<FileFingerprint> fingerprints = new ArrayList<>();
    for (Hashed h : hash(stage, files)) {
      fingerprints.add(new FileFingerprint(h.file().toString(), h.size(), h.sha256()));
    }
    return new StageRecord.Consumed(fingerprints, section, upstream, CodeVersion.current());
  }

  /** The stage's output files as they are now, paths relative to the run folder. */
  List<FileFingerprint> outputs(RunConfig config, Stage stage) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : StageFiles.outputs(stage, run, config)) {
      files.addAll(walk(root, StageFiles.notOutputs(stage, run)));
    }
    List<FileFingerprint> out = new ArrayList<>();
    for (Hashed h : hash(stage, files)) {
      String name = run.root().relativize(h.file()).toString()
          .replace(h.file().getFileSystem().getSeparator(), "/");
      out.add(new FileFingerprint(name, h.size(), h.sha256()));
    }
    return out;
  }

  private record Hashed(Path file, long size, String sha256) {}

  private List<Hashed> hash(Stage stage, List<Path> files) throws IOException {
    long total = 0;
    for (Path f : files) {
      total += Files.size(f);
    }
    long[] done = {0, 0};
    long all = total;
    List<Hashed> out = new ArrayList<>();
    for (Path f : files) {
      String sha = hashes.sha256(f, n -> {
        done[0] += n;
        if (done[0] - done[1] >= REPORT_BYTES) {
          done[1] = done[0];
          progress.accept(new TrainingProgress(stage.id(), done[0], all, "bytes fingerprinted",
              Double.NaN, null, Double.NaN));
        }
      });
      out.add(new Hashed(f, Files.size(f), sha));
    }
    return out;
  }

  /** Absolute paths that exist, anywhere in a config value (a string or a list of them). */
  private static void collectPaths(JsonNode value, TreeSet<Path> into) {
    if (value.isTextual() && value.asText().startsWith("/")) {
      Path p = Path.of(value.asText()).normalize();
      if (Files.exists(p)) {
        into.add(p);
      }
    }
    value.elements().forEachRemaining(v -> collectPaths(v, into));
  }

  /** Regular files under {@code root} (itself if a file), sorted, skipping {@code left} folders. */
  private static List<Path> walk(Path root, List<Path> left) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return Files.isRegularFile(root) ? List.of(root) : List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !hidden(root.relativize(p)))
          .filter(p -> left.stream().noneMatch(p::startsWith))
          .sorted()
          .toList();
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
