package dev.smelt.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.data.StatsJson;
import dev.smelt.pipeline.dedup.minhash.NearDuplicateReport;
import dev.smelt.pipeline.data.CleanDocs;
import dev.smelt.pipeline.data.DataPipeline;
import dev.smelt.pipeline.data.DataPipelineSpec;
import dev.smelt.pipeline.data.DataStats;
import dev.smelt.pipeline.data.StageReasonCount;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.tokenize.ByteLevelBpeTrainer;
import dev.smelt.pipeline.tokenize.TokenShardPipeline;
import dev.smelt.pipeline.tokenize.TokenShardPipeline.TokenShardSpec;
import dev.smelt.pipeline.tokenize.TokenShardStats;
import dev.smelt.settings.filter.FilterSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data and token-shard stages on Flink's embedded mini-cluster ({@code [local]}, parallelism
 * 2) and on the DirectRunner give the same funnel and the same rows; bad input gets the same
 * rejects with the same reasons on both.
 */
class FlinkRunnerParityTest {
  private static final List<String> FILTERS = List.of("length", "gopher_repetition", "pii", "dedup", "fuzzy_dedup");
  private static final List<String> FOLDERS = List.of("clean", "rejects", "tags", "shards", "val");

  @TempDir static Path tmp;
  static StageOutputs direct;
  static StageOutputs flink;

  /** What one runner produced. */
  record StageOutputs(DataStats data, TokenShardStats shards, Path dataDir, byte[] tokenizerJson) {}

  @BeforeAll
  static void runBothRunnersOnOneCorpus() throws IOException {
    Path corpus = writeCorpus(Files.createDirectories(tmp.resolve("corpus")));
    long t0 = System.nanoTime();
    direct = runStages("DirectRunner", List.of("--targetParallelism=2"), corpus, tmp.resolve("direct"));
    long t1 = System.nanoTime();
    flink = runStages("FlinkRunner", List.of("--parallelism=2"), corpus, tmp.resolve("flink"));
    System.out.printf("FlinkRunnerParityTest: DirectRunner %.1f s, Flink [local] %.1f s wall; "
        + "%.1f s CPU in this JVM so far%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9,
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime() / 1e9);
  }

  @Test
  void flinkGivesTheSameFunnelPerStageAndReasonAsTheDirectRunner() {
    assertEquals(withoutTime(direct.data()), withoutTime(flink.data()));
    assertEquals(direct.shards(), flink.shards());
    assertEquals(flink.data().read(), flink.data().kept() + flink.data().rejected());
  }

  @Test
  void badInputGetsTheSameRejectsWithReasonsOnFlink() {
    Map<String, Long> byStageReason = new TreeMap<>();
    for (StageReasonCount r : flink.data().rejects()) {
      byStageReason.put(r.stage() + ":" + r.reason(), r.documents());
    }
    assertEquals(Map.of(
        "read:INVALID_JSON", 1L,
        "read:GZIP_TRUNCATED", 1L,
        "length:TOO_SHORT", 2L,
        "gopher_repetition:GOPHER_DUP_LINES", 1L,
        "dedup:DUPLICATE", 2L,
        "fuzzy_dedup:NEAR_DUPLICATE", 2L), byStageReason);
    assertEquals(DOCS + 3 + 3 + 2 + 1 + 1 + 2, flink.data().read());
  }

  @Test
  void flinkWritesTheSameRowsToEveryOutputFolder() {
    for (String folder : FOLDERS) {
      List<String> directRows = OutputDigest.sortedRows(direct.dataDir().resolve(folder));
      assertEquals(directRows, OutputDigest.sortedRows(flink.dataDir().resolve(folder)), folder);
      assertFalse(directRows.isEmpty() && !folder.equals("tags"), folder + " is empty");
    }
  }

  @Test
  void flinkWritesByteIdenticalFilesToTheDirectRunners() {
    Map<String, String> directFiles = OutputDigest.fileHashes(direct.dataDir());
    directFiles.remove(StatsJson.FILE); // holds the seconds taken; its counts are compared above
    Map<String, String> flinkFiles = OutputDigest.fileHashes(flink.dataDir());
    flinkFiles.remove(StatsJson.FILE);
    assertEquals(directFiles, flinkFiles);
    assertTrue(directFiles.keySet().stream().anyMatch(f -> f.startsWith("shards/")), directFiles.toString());
    assertTrue(directFiles.containsKey(NearDuplicateReport.FILE), directFiles.toString());
  }

  @Test
  void theTokenizerTrainedOnFlinksCleanDocumentsIsTheSameFile() {
    assertEquals(OutputDigest.sha256(direct.tokenizerJson()), OutputDigest.sha256(flink.tokenizerJson()));
  }

  private static StageOutputs runStages(String runner, List<String> args, Path corpus, Path root)
      throws IOException {
    Path dataDir = root.resolve("data");
    DataPipelineSpec spec = new DataPipelineSpec(List.of(corpus), dataDir, 40, 100_000, runner, args,
        FILTERS, FilterSettings.DEFAULTS, null);
    DataStats data = DataPipeline.run(spec, progress -> {});
    // As TokenizerActivity trains: the clean documents in part-file order, which differs by runner.
    Path tokenizer = root.resolve("tokenizer.json");
    new ByteLevelBpeTrainer(320, 2, 0).train(CleanDocs.read(dataDir).stream().map(Doc::text))
        .save(tokenizer);
    TokenShardStats shards =
        TokenShardPipeline.run(new TokenShardSpec(dataDir, tokenizer, 0.2, runner, args));
    return new StageOutputs(data, shards, dataDir, Files.readAllBytes(tokenizer));
  }

  private static DataStats withoutTime(DataStats s) {
    return new DataStats(s.read(), s.kept(), s.rejected(), s.keptBytes(), s.rejects(), 0,
        s.stages(), s.modified(), s.tagged(), s.languages());
  }

  static final int DOCS = 40;

  /**
   * {@link #DOCS} distinct documents, one more three times, 3 near copies, 2 too short, 1 of repeated lines, an
   * invalid JSON line, and a gzip of 2 records cut in its second.
   */
  private static Path writeCorpus(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < DOCS; i++) {
      lines.add(json("d" + i, prose(i) + " Write to reader" + i + "@example.com."));
    }
    for (int copy = 1; copy <= 3; copy++) {
      lines.add(json("dup" + copy, prose(1000)));
    }
    for (int copy = 1; copy <= 3; copy++) { // near copies: one word apart, fuzzy_dedup keeps one
      lines.add(json("near" + copy, prose(3000) + " Signed by reader number " + copy + "."));
    }
    lines.add(json("short1", "Too short."));
    lines.add(json("short2", "Also short."));
    lines.add(json("repeated", "the same line again\\n".repeat(12)));
    lines.add("{\"id\":\"broken\",\"text\": not json}");
    Files.writeString(dir.resolve("docs.jsonl"), String.join("\n", lines) + "\n");
    byte[] gz = gzip(json("gz1", prose(2000)) + "\n"
        + json("gz2", "words to compress well enough for a cut stream ".repeat(40)) + "\n");
    Files.write(dir.resolve("cut.jsonl.gz"), Arrays.copyOf(gz, gz.length - 20));
    return dir;
  }

  private static final String[] WORDS = ("the of and to a in that is was he for it with as his on be "
      + "at by had not are but from or have an they which one you were her all she there would their "
      + "we him been has when who will more no if out so said what up its about into than them can "
      + "only other new some could time these two may then do first any my now such like our over "
      + "man me even most made after also did many before must through back years where much your "
      + "way well down should because each just those people how too little state good very make "
      + "world still own see men work long get here between both life being under never day same "
      + "another know while last might us great old year off come since against go came right used "
      + "take three river field stone lantern harbor meadow winter candle orchard letter").split(" ");

  /** Seeded sentences of about 80 varied words: prose the Gopher repetition rules keep. */
  private static String prose(long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    for (int sentence = 0; sentence < 8; sentence++) {
      text.append(sentence == 0 ? "" : " ").append("Then");
      for (int w = 0; w < 9; w++) {
        text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
      }
      text.append('.');
    }
    return text.toString();
  }

  private static String json(String id, String text) {
    return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}";
  }

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
