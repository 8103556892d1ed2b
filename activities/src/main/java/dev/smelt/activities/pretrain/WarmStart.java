package dev.smelt.activities.pretrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.checkpoint.CheckpointStore;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.activities.run.RunId;
import dev.smelt.settings.ModelConfig;
import dev.smelt.settings.PretrainConfig;
import dev.smelt.workflows.stage.PermanentFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resolves {@code pretrain.initFrom} for one run folder. {@code <run-id>} names the run folder
 * beside this one; {@code last} is the newest other run folder in the same runs root whose
 * pre-training finished (its {@code pretrain/final/config.json}, written last, is the newest).
 * The first attempt pins what it resolved in {@code pretrain/init-from.json}, so a resume days
 * later continues from the same model even if other runs have finished since.
 */
public final class WarmStart {
  /** The pin, inside the pre-training folder (cleared with it when the stage reruns afresh). */
  static final String PIN = "init-from.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private WarmStart() {}

  /** The model {@code cfg} warm-starts {@code run} from, pinned or newly resolved; empty if none. */
  public static Optional<InitModel> resolve(RunFolder run, PretrainConfig cfg) throws IOException {
    if (!cfg.warmStart()) {
      return Optional.empty();
    }
    Path pin = run.pretrain().resolve(PIN);
    if (Files.isRegularFile(pin)) { // holds for "last" and for the run id it names
      InitModel pinned = JSON.readValue(pin.toFile(), InitModel.class);
      if ("last".equals(cfg.initFrom()) || pinned.runId().equals(cfg.initFrom())) {
        return Optional.of(pinned);
      }
    }
    Path runsRoot = run.root().getParent();
    String id = "last".equals(cfg.initFrom()) ? newestFinished(runsRoot, run)
        .orElseThrow(() -> PermanentFailure.of("key 'pretrain.initFrom' is last, but no other run in "
            + runsRoot + " has finished pre-training (pretrain/final)")) : cfg.initFrom();
    if (id.equals(run.root().getFileName().toString())) {
      throw PermanentFailure.of("key 'pretrain.initFrom' names this run itself (" + id + ")");
    }
    Path dir = runsRoot.resolve(id).resolve("pretrain").resolve("final");
    if (RunId.problem(id).isPresent() || !Files.isRegularFile(dir.resolve(GptFiles.WEIGHTS))) {
      throw PermanentFailure.of("key 'pretrain.initFrom': run " + id + " has no finished "
          + "pre-training (no " + dir.resolve(GptFiles.WEIGHTS) + ")");
    }
    return Optional.of(new InitModel(id, dir, CheckpointStore.sha256(dir.resolve(GptFiles.WEIGHTS))));
  }

  /** Writes what {@code run} starts from, for later attempts (see the class comment). */
  public static void pin(RunFolder run, InitModel init) throws IOException {
    Files.createDirectories(run.pretrain());
    JSON.writerWithDefaultPrettyPrinter().writeValue(run.pretrain().resolve(PIN).toFile(), init);
  }

  /**
   * Refuses, in one line naming what differs, a source model trained with another tokenizer
   * (tokenizer.json's sha256) or of another shape (layers, heads, width, context, vocabulary,
   * attention direction) than this run's; and one whose weights changed since it was pinned.
   */
  public static void check(InitModel init, RunFolder run, ModelConfig model, int vocabSize,
      boolean bidirectional) throws IOException {
    String now = CheckpointStore.sha256(init.dir().resolve(GptFiles.WEIGHTS));
    if (!now.equals(init.sha256())) {
      throw PermanentFailure.of("key 'pretrain.initFrom': the model of run " + init.runId()
          + " changed since this run began from it (model.safetensors sha256 " + shortHash(now)
          + ", was " + shortHash(init.sha256()) + ")");
    }
    Path theirs = init.dir().getParent().getParent().resolve("tokenizer").resolve("tokenizer.json");
    String ours = CheckpointStore.sha256(run.tokenizerJson());
    String other = Files.isRegularFile(theirs) ? CheckpointStore.sha256(theirs) : "missing";
    if (!ours.equals(other)) {
      throw PermanentFailure.of("key 'pretrain.initFrom': run " + init.runId() + " was trained "
          + "with another tokenizer (tokenizer.json sha256 " + shortHash(other) + ", this run's "
          + shortHash(ours) + "); a warm start needs the same tokenizer");
    }
    JsonNode c = JSON.readTree(init.dir().resolve(GptFiles.CONFIG).toFile());
    String was = shape(c.path("n_layer").asInt(), c.path("n_head").asInt(), c.path("n_embd").asInt(),
        c.path("n_positions").asInt(), c.path("vocab_size").asInt(),
        c.path("smelt").path("bidirectional").asBoolean());
    String is = shape(model.layers(), model.heads(), model.dModel(), model.contextLength(),
        vocabSize, bidirectional);
    if (!was.equals(is)) {
      throw PermanentFailure.of("key 'pretrain.initFrom': run " + init.runId() + "'s model has "
          + was + ", this run's " + is + "; a warm start needs the same model shape");
    }
  }

  private static String shape(int layers, int heads, int dModel, int context, int vocab,
      boolean bidirectional) {
    return "layers " + layers + ", heads " + heads + ", dModel " + dModel + ", contextLength "
        + context + ", vocabulary " + vocab + (bidirectional ? ", masked" : ", causal");
  }

  /** The other run folder whose pre-training finished last, if any. */
  static Optional<String> newestFinished(Path runsRoot, RunFolder run) throws IOException {
    if (!Files.isDirectory(runsRoot)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(runsRoot)) {
      return dirs.filter(d -> !d.equals(run.root()))
          .filter(d -> RunId.problem(d.getFileName().toString()).isEmpty()) // not @schedules
          .filter(d -> !d.getFileName().toString().startsWith("."))
          .map(d -> Map.entry(d, d.resolve("pretrain").resolve("final").resolve(GptFiles.CONFIG)))
          .filter(e -> Files.isRegularFile(e.getValue())
              && Files.isRegularFile(e.getValue().resolveSibling(GptFiles.WEIGHTS)))
          .max(Comparator.comparing((Map.Entry<Path, Path> e) -> modified(e.getValue()))
              .thenComparing(e -> e.getKey().getFileName().toString()))
          .map(e -> e.getKey().getFileName().toString());
    }
  }

  /** The files of the model {@code cfg} would warm-start from, for the stage fingerprint. */
  public static List<Path> files(RunFolder run, PretrainConfig cfg) {
    try {
      return resolve(run, cfg).map(i -> List.of(i.dir().resolve(GptFiles.WEIGHTS),
          i.dir().resolve(GptFiles.CONFIG))).orElse(List.of());
    } catch (IOException | RuntimeException unresolved) {
      return List.of(); // the stage itself then fails with the reason
    }
  }

  private static FileTime modified(Path f) {
    try {
      return Files.getLastModifiedTime(f);
    } catch (IOException gone) {
      return FileTime.fromMillis(0);
    }
  }

  private static String shortHash(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
