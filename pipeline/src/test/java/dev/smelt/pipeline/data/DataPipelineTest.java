package dev.smelt.pipeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.filter.Rejected;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPipelineTest {
  private static final String GOOD = "A good document with enough characters to pass.";

  @TempDir Path tmp;

  @Test
  void runsTheDataStageEndToEndWithExactCountsPerReasonAndReadableParquet() throws IOException {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(corpus.resolve("good1.txt"), GOOD + "\n");
    Files.writeString(corpus.resolve("notes.md"), "# Notes\r\n\r\n\r\n\r\nSecond   paragraph here.");
    Files.writeString(
        corpus.resolve("docs.jsonl"),
        String.join(
            "\n",
            "{\"id\":\"j1\",\"text\":\"First JSON document long enough.\"}",
            "{\"id\":\"broken\",\"text\": not json}",
            "{\"id\":\"j2\",\"text\":\"" + GOOD + "\"}",
            "{\"id\":\"j3\",\"text\":\"tiny\"}",
            "{\"id\":\"j4\",\"text\":\"  A good   document with enough characters to pass.\\t\"}"));
    byte[] gz = gzip("words to compress well enough for a truncated stream ".repeat(40));
    Files.write(corpus.resolve("corrupt.txt.gz"), Arrays.copyOf(gz, gz.length / 2));
    Files.write(corpus.resolve("latin1.txt"), "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e".getBytes(StandardCharsets.ISO_8859_1));
    Files.createDirectories(corpus.resolve("sub"));
    Files.write(
        corpus.resolve("sub/more.jsonl.gz"),
        gzip("{\"text\":\"Gzipped JSON line number one.\"}\n{\"text\":\"Gzipped JSON line number two.\",\"source\":\"forum\"}\n"));
    Path dataDir = tmp.resolve("run/data");
    List<DataProgress> progress = new ArrayList<>();

    DataStats stats =
        DataPipeline.run(DataPipelineSpec.local(List.of(corpus), dataDir, 20, 1000), progress::add);

    assertEquals(11, stats.read());
    assertEquals(5, stats.kept());
    assertEquals(6, stats.rejected());
    assertEquals(stats.read(), stats.kept() + stats.rejected());
    Map<String, Long> byStageReason = new TreeMap<>();
    stats.rejects().forEach(r -> byStageReason.put(r.stage() + ":" + r.reason(), r.documents()));
    assertEquals(
        Map.of(
            "read:INVALID_JSON", 1L,
            "read:GZIP_TRUNCATED", 1L,
            "length:TOO_SHORT", 2L,
            "dedup:DUPLICATE", 2L),
        byStageReason);
    assertEquals(List.of("read", "read", "length", "dedup"),
        stats.rejects().stream().map(StageReasonCount::stage).toList(), "stages in pipeline order");
    assertEquals(2, stats.rejectedFor("length", RejectReason.TOO_SHORT));
    assertEquals(List.of(new StageEditCount("read", RejectReason.CHARSET_GUESSED, 1, 1)), stats.modified(),
        "the Latin-1 file's guessed charset is a counted rewrite");

    List<Doc> kept = CleanDocs.read(dataDir);
    assertEquals(
        Map.of(
            "good1.txt", GOOD,
            "notes.md", "# Notes\n\nSecond paragraph here.",
            "j1", "First JSON document long enough.",
            "sub/more.jsonl.gz:1", "Gzipped JSON line number one.",
            "sub/more.jsonl.gz:2", "Gzipped JSON line number two."),
        kept.stream().collect(Collectors.toMap(Doc::docId, Doc::text)));
    assertEquals("forum", kept.stream().filter(d -> d.docId().endsWith(":2")).findFirst().orElseThrow().source());
    long keptBytes = kept.stream().mapToLong(d -> d.text().getBytes(StandardCharsets.UTF_8).length).sum();
    assertEquals(keptBytes, stats.keptBytes());

    List<Rejected> rejects = RejectedDocs.read(dataDir);
    assertEquals(6, rejects.size());
    Map<String, Rejected> rejectById =
        rejects.stream().collect(Collectors.toMap(r -> r.doc().docId(), r -> r));
    assertEquals(RejectReason.DUPLICATE, rejectById.get("j2").reason());
    assertEquals("duplicate of good1.txt", rejectById.get("j2").detail());
    assertEquals("duplicate of good1.txt", rejectById.get("j4").detail());
    assertEquals("dedup", rejectById.get("j4").stage());
    assertEquals(RejectReason.INVALID_JSON, rejectById.get("docs.jsonl:2").reason());
    assertEquals("{\"id\":\"broken\",\"text\": not json}", rejectById.get("docs.jsonl:2").doc().text());
    assertEquals(RejectReason.GZIP_TRUNCATED, rejectById.get("corrupt.txt.gz").reason());
    // not UTF-8, so decoded with its detected charset, and then too short
    assertEquals(RejectReason.TOO_SHORT, rejectById.get("latin1.txt").reason());
    assertEquals("caf\u00e9 cr\u00e8me br\u00fbl\u00e9e", rejectById.get("latin1.txt").doc().text());
    assertEquals(new Rejected(new Doc("j3", "docs.jsonl", "tiny"), "length", RejectReason.TOO_SHORT,
        "4 chars < minimum 20"), rejectById.get("j3"));

    // Four shards at most: the runner writes no file for a shard that got no document.
    List<String> cleanFiles = fileNames(dataDir.resolve("clean"));
    assertTrue(!cleanFiles.isEmpty() && cleanFiles.stream()
        .allMatch(f -> f.matches("part-0000[0-3]-of-00004\\.parquet")), cleanFiles.toString());
    assertEquals(List.of("part-00000-of-00001.parquet"), fileNames(dataDir.resolve("rejects")));

    DataStats fromFile = StatsJson.read(dataDir);
    assertEquals(stats, fromFile);
    String json = Files.readString(dataDir.resolve("stats.json"));
    assertTrue(json.contains("\"kept_bytes\" : " + keptBytes), json);

    DataProgress last = progress.get(progress.size() - 1);
    // The six small entries are one read unit; its 11 decisions are all through the chain.
    assertEquals(new DataProgress(6, 6, 11, 6, last.seconds(), true, 1, 1, 11, 11), last);
  }

  @Test
  void refusesAMissingInputNamingItBeforeRunning() {
    Path missing = tmp.resolve("no-such-corpus");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DataPipeline.run(DataPipelineSpec.local(List.of(missing), tmp.resolve("d"), 1, 10), p -> {}));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
