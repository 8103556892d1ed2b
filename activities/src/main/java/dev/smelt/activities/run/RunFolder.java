package dev.smelt.activities.run;

import dev.smelt.workflows.stage.PermanentFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layout of a run folder (DESIGN.md, "Run folder"): the one place a run writes. The checks
 * that keep a run inside its runs root live here and nowhere else.
 */
public record RunFolder(Path root) {
  /**
   * The run folder {@code runDir} when it is a folder directly inside {@code runsRoot}, named by
   * a plain run id ({@link RunId}) and not a symbolic link; otherwise a non-retryable failure,
   * because whoever can start a workflow chooses {@code runDir}.
   */
  public static RunFolder confined(String runDir, Path runsRoot) {
    Path root = runsRoot.toAbsolutePath().normalize();
    Path dir;
    try {
      dir = Path.of(runDir == null ? "" : runDir).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw refused(runDir, root, "it is not a valid path");
    }
    if (!root.equals(dir.getParent())) {
      throw refused(runDir, root, "it is not a folder directly inside the runs root");
    }
    Optional<String> badId = RunId.problem(dir.getFileName().toString());
    if (badId.isPresent()) {
      throw refused(runDir, root, badId.get());
    }
    if (Files.isSymbolicLink(dir)) {
      throw refused(runDir, root, "it is a symbolic link, which could lead outside the runs root");
    }
    return new RunFolder(dir);
  }

  /**
   * {@code path} when it lies strictly inside this run folder and no folder on the way to it is
   * a symbolic link (which would lead outside); otherwise a non-retryable failure.
   */
  public Path inside(Path path) {
    Path base = root.toAbsolutePath().normalize();
    Path p = path.toAbsolutePath().normalize();
    if (!p.startsWith(base) || p.equals(base)) {
      throw PermanentFailure.of(p + " is not inside the run folder " + base);
    }
    for (Path step = p.getParent(); !step.equals(base); step = step.getParent()) {
      if (Files.isSymbolicLink(step)) {
        throw PermanentFailure.of(step + " in run folder " + base
            + " is a symbolic link; Smelt writes and deletes only inside the run folder: remove it");
      }
    }
    return p;
  }

  private static RuntimeException refused(String runDir, Path root, String why) {
    return PermanentFailure.of("refusing run folder '" + runDir + "': " + why + " (runs root "
        + root + "; a run id is a plain name of letters, digits, '-', '_', '.')");
  }

  public Path data() {
    return root.resolve("data");
  }

  public Path shards() {
    return data().resolve("shards");
  }

  public Path val() {
    return data().resolve("val");
  }

  public Path tokenizerJson() {
    return root.resolve("tokenizer").resolve("tokenizer.json");
  }

  /**
   * The files pre-training is trained on, in the order its checkpoints record them: the train
   * shards, then the val shards ({@code *.parquet}, name order, as TokenShards reads them), then
   * tokenizer.json.
   */
  public List<Path> trainingData() throws IOException {
    List<Path> files = new ArrayList<>(parquetFiles(shards()));
    files.addAll(parquetFiles(val()));
    files.add(tokenizerJson());
    return files;
  }

  private static List<Path> parquetFiles(Path dir) throws IOException {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }

  public Path pretrain() {
    return root.resolve("pretrain");
  }

  public Path finetune(String task) {
    return root.resolve("finetune").resolve(task);
  }

  /** Baselines and learning curve of one task: scratch/, bow.json, curve/, learning_curve.json. */
  public Path baselines(String task) {
    return root.resolve("baselines").resolve(task);
  }

  public Path eval() {
    return root.resolve("eval");
  }

  public Path results() {
    return root.resolve("results.json");
  }

  public Path report() {
    return root.resolve("report.html");
  }

  /** {@code {"state": "cancelled", ...}} once a run was cancelled; absent otherwise. */
  public Path state() {
    return root.resolve("state.json");
  }
}
