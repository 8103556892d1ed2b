package dev.smelt.pipeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.read.ReadCorpus;
import dev.smelt.pipeline.read.ReaderOptions;
import dev.smelt.pipeline.read.UnitManifest;
import dev.smelt.settings.filter.FilterSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data stage run again over a data folder whose read units were partly lost: it reads only
 * the lost units and ends with the bytes of a run that lost none.
 */
class DataPipelineResumeTest {
  private static final FileTime OLD = FileTime.fromMillis(0);
  @TempDir Path tmp;

  @Test
  void aDeletedAndACorruptUnitAreReadAgainAndTheOutputsStayByteIdenticalToAFreshRun() throws IOException {
    Path corpus = corpus(Files.createDirectories(tmp.resolve("corpus")));
    Path data = tmp.resolve("run/data");
    DataStats first = DataPipeline.run(spec(corpus, data), p -> {});
    Map<String, String> before = sha256OfEveryFile(data);
    Path elsewhere = tmp.resolve("fresh/data");
    DataPipeline.run(spec(corpus, elsewhere), p -> {});
    assertEquals(before, sha256OfEveryFile(elsewhere), "a run in another folder writes the same bytes");
    List<Path> units = unitFiles(data);
    assertTrue(units.size() >= 6, "the corpus is several read units: " + units.size());
    assertEquals(1, first.rejectedFor(ReadCorpus.STAGE, RejectReason.DUPLICATE_ID),
        "doc ids are made unique across units");
    for (Path u : units) {
      Files.setLastModifiedTime(u, OLD);
    }
    Path deleted = units.get(1);
    Path corrupt = units.get(units.size() - 2);
    Files.delete(deleted);
    byte[] bytes = Files.readAllBytes(corrupt);
    bytes[bytes.length - 1] ^= 1; // one bit of the gzip trailer: the hash no longer matches
    Files.write(corrupt, bytes);
    Files.setLastModifiedTime(corrupt, OLD);

    List<DataProgress> progress = new CopyOnWriteArrayList<>();
    DataStats again = DataPipeline.run(spec(corpus, data), progress::add);

    assertEquals(before, sha256OfEveryFile(data), "every output byte-identical to the first run");
    assertEquals(countsOnly(first), countsOnly(again));
    List<Path> rewritten = unitFiles(data).stream().filter(u -> !modified(u).equals(OLD)).toList();
    assertEquals(List.of(deleted, corrupt).stream().sorted().toList(), rewritten,
        "exactly the lost and the corrupt unit were read again");
    DataProgress firstOfRead = progress.stream().filter(DataProgress::counting).findFirst().orElseThrow();
    assertTrue(firstOfRead.unitsDone() >= units.size() - 2, "the reused units count as done: " + firstOfRead);
    assertEquals(units.size(), firstOfRead.unitsTotal());
  }

  private static DataPipelineSpec spec(Path corpus, Path data) {
    // 64-byte pieces, so the small corpus is many read units, as a large one is at 1 MiB
    return new DataPipelineSpec(List.of(corpus), data, 20, 100_000, "DirectRunner", List.of(),
        List.of("length", "dedup"), FilterSettings.DEFAULTS,
        ReaderOptions.defaults().withTextSplitBytes(64));
  }

  /** A book of paragraphs (some repeated, for dedup) and two JSONL files sharing one doc id. */
  private static Path corpus(Path dir) throws IOException {
    StringBuilder book = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      book.append("Paragraph ").append(i % 45).append(" of the book, with words enough to keep.\n\n");
    }
    Files.writeString(dir.resolve("book.txt"), book);
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      a.append("{\"id\":\"a").append(i).append("\",\"text\":\"Letter ").append(i).append(" from the first box of letters.\"}\n");
      b.append("{\"id\":\"b").append(i).append("\",\"text\":\"Letter ").append(i).append(" from the second box of letters.\"}\n");
    }
    a.append("{\"id\":\"shared\",\"text\":\"The same id in two files, first text.\"}\n");
    b.append("{\"id\":\"shared\",\"text\":\"The same id in two files, second text.\"}\n");
    Files.writeString(dir.resolve("a.jsonl"), a);
    Files.writeString(dir.resolve("b.jsonl"), b);
    return dir;
  }

  private static List<Path> unitFiles(Path data) throws IOException {
    try (Stream<Path> files = Files.list(data.resolve(UnitManifest.UNITS_FOLDER))) {
      return files.sorted().toList();
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode countsOnly(DataStats stats) {
    ObjectNode node = new ObjectMapper().valueToTree(stats);
    node.remove("seconds");
    return node;
  }

  /** Relative path → sha256 of every file under data/ but stats.json (it holds the wall time). */
  private static Map<String, String> sha256OfEveryFile(Path data) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = data.relativize(f).toString();
        if (!name.equals(StatsJson.FILE)) {
          out.put(name, sha256(Files.readAllBytes(f)));
        }
      }
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
