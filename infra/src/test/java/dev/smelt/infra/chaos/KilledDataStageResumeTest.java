package dev.smelt.infra.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.stage.UninterruptedStages;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.infra.progress.RunWatcher;
import dev.smelt.pipeline.data.StatsJson;
import dev.smelt.pipeline.read.UnitManifest;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.run.RunStatus;
import dev.smelt.workflows.stage.StageInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Chaos: the worker (its own JVM) is killed with SIGKILL while the data stage reads its units,
 * and again once the tokenizer stage has saved its word count (tokenizer/counts.bin); fresh
 * workers take over. The retried data attempt must read only the units the dead one had not
 * recorded, the retried tokenizer attempt must continue the saved count, and data/ and
 * tokenizer.json must be the bytes of the same two stages run uninterrupted. The run is stopped after the
 * tokenizer stage: pre-training's kills are {@link KilledWorkerResumeTest}'s. Tagged "chaos".
 */
@Tag("chaos")
class KilledDataStageResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The worker's line tagged with the run and stage it is about ([RUN/stage], logback.xml). */
  private static final Pattern RESUMED = Pattern.compile("INFO  \\[chaos-data/data] ResumePlan - "
      + "data: (\\d+) of (\\d+) read units recorded in manifest.json and verified; reading the other (\\d+)");
  private static final Pattern CONTINUED = Pattern.compile(
      "tokenizer: continuing the word count saved in \\S+ from row (\\d+)");
  /** The dead attempt has recorded at least this many units when it is killed. */
  private static final int KILL_AFTER_UNITS = 30;

  /** Kept after the test (under target/) so the worker logs of a failed run can be read. */
  final Path dir = Path.of("target", "chaos-data-" + System.currentTimeMillis()).toAbsolutePath();

  @Test
  void workerKilledDuringDataAndTokenizerStagesEndsWithUninterruptedOutputs() throws Exception {
    Files.createDirectories(dir);
    RunConfig cfg = ConfigLoader.load(config(book(dir.resolve("corpus"))));
    Path runDir = dir.resolve("chaos-data");
    Path manifest = runDir.resolve("data").resolve(UnitManifest.FILE);
    Path counts = runDir.resolve("tokenizer/counts.bin");
    int recordedAtKill;
    try (ChaosRun chaos = ChaosRun.withWorker(dir)) {
      String workflowId = "smelt-chaos-data";
      chaos.execute(workflowId, "chaos-data", runDir, cfg);
      RunWatcher probe = chaos.probe();

      ChaosRuns.awaitFiles(KILL_AFTER_UNITS + " read units recorded",
          () -> recordedUnits(manifest) >= KILL_AFTER_UNITS);
      chaos.worker().kill();
      recordedAtKill = recordedUnits(manifest);
      System.out.printf("chaos-data: killed the worker with %d read units recorded%n", recordedAtKill);
      chaos.startWorker("worker-1.log");

      // Killed once the word count is saved (at its end on so small a corpus, else every 30 s):
      // the retry continues the saved count instead of counting again.
      ChaosRuns.awaitFiles(counts + " saved", () -> Files.isRegularFile(counts));
      chaos.replaceWorker("worker-2.log");
      System.out.printf("chaos-data: killed the worker in the tokenizer stage, %s saved; %s%n",
          counts.getFileName(), probe.snapshot(workflowId).heartbeat());

      ChaosRuns.await(probe, workflowId, s -> s.completed() > RunStatus.STAGES.indexOf("tokenizer"));
      chaos.terminate(workflowId, "chaos-data: the data and tokenizer stages are done");
    }

    Matcher resumed = RESUMED.matcher(Files.readString(dir.resolve("worker-1.log")));
    assertTrue(resumed.find(), "the retried data attempt says what it reuses; see " + dir.resolve("worker-1.log"));
    int reused = Integer.parseInt(resumed.group(1));
    int total = Integer.parseInt(resumed.group(2));
    int redone = Integer.parseInt(resumed.group(3));
    System.out.printf("chaos-data: %d of %d read units done before the kill; the retry read %d%n",
        reused, total, redone);
    assertEquals(recordedAtKill, reused, "every unit recorded before the kill is reused");
    assertEquals(total - reused, redone);
    assertTrue(redone > 0 && redone < total, "the retry read fewer units than the corpus has");
    String retry = Files.readString(dir.resolve("worker-2.log"));
    assertTrue(retry.lines().noneMatch(l -> l.contains("read units")),
        "the tokenizer's retry does not rerun the data stage");
    Matcher continued = CONTINUED.matcher(retry);
    assertTrue(continued.find(), "the tokenizer's retry continues the saved word count; see "
        + dir.resolve("worker-2.log"));
    System.out.printf("chaos-data: the tokenizer's retry continued the saved count from row %s%n",
        continued.group(1));
    assertTrue(Long.parseLong(continued.group(1)) > 0, "rows counted before the kill are skipped");

    Path baseline = dir.resolve("uninterrupted");
    UninterruptedStages.dataAndTokenizer(new StageInput("uninterrupted", baseline.toString(), cfg));
    assertEquals(sha256OfOutputs(baseline), sha256OfOutputs(runDir),
        "data/ and tokenizer.json after two kills equal an uninterrupted run's");
    assertEquals(countsOnly(baseline), countsOnly(runDir));
  }

  /** Half a novel as one plain text file, read in small pieces: many read units from a tiny corpus. */
  private static Path book(Path corpus) throws IOException {
    Files.createDirectories(corpus);
    List<String> chapters = new ArrayList<>();
    for (String line : Files.readAllLines(ChaosRuns.EXAMPLES.resolve("corpus/tiny.jsonl"))) {
      try {
        chapters.add(JSON.readTree(line).get("text").asText());
      } catch (IOException | NullPointerException malformed) {
        // tiny.jsonl holds a few malformed lines on purpose, for the read stage's rejects
      }
    }
    Files.writeString(corpus.resolve("book.txt"),
        String.join("\n\n", chapters.subList(0, chapters.size() / 2)) + "\n");
    return corpus;
  }

  private Path config(Path corpus) throws IOException {
    Path cfg = dir.resolve("chaos-data.yaml");
    Files.writeString(cfg, String.join("\n",
        "name: chaos-data",
        "seed: 5",
        "data:",
        "  inputs: [" + corpus + "]",
        "  minChars: 20",
        "  textSplitBytes: 128", // 1 KiB read units: about 140 of them
        "  filters: [length, dedup]",
        "  valFraction: 0.1",
        "tokenizer:",
        "  vocabSize: 400",
        "model:",
        "  preset: custom",
        "  layers: 1",
        "  heads: 2",
        "  dModel: 32",
        "  contextLength: 32",
        "pretrain:",
        "  steps: 20",
        "  warmupSteps: 2",
        "  batchSize: 4",
        "  heartbeatTimeoutSeconds: 4",
        "finetune:",
        "  inputs: [" + ChaosRuns.EXAMPLES.resolve("sentiment/yelp.jsonl") + "]",
        "  steps: 4",
        "  warmupSteps: 1",
        "  batchSize: 4",
        "  maxLength: 32",
        "  curveSizes: []",
        "  curveSteps: 2",
        "eval:",
        "  maxValSequences: 4",
        "  clozeItems: 4",
        ""));
    return cfg;
  }

  private static int recordedUnits(Path manifest) {
    return UnitManifest.read(manifest.getParent()).map(m -> m.units().size()).orElse(0);
  }

  /** Relative path → sha256 of every file under data/ (stats.json aside) and of tokenizer.json. */
  private static Map<String, String> sha256OfOutputs(Path run) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path data = run.resolve("data");
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.getFileName().toString().equals(StatsJson.FILE)) {
          out.put(run.relativize(f).toString(), sha256(f));
        }
      }
    }
    out.put("tokenizer/tokenizer.json", sha256(run.resolve("tokenizer/tokenizer.json")));
    return out;
  }

  /** stats.json without its wall time. */
  private static JsonNode countsOnly(Path run) throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode stats =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(run.resolve("data/stats.json").toFile());
    stats.remove("seconds");
    return stats;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
