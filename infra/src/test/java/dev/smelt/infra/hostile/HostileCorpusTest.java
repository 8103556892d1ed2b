package dev.smelt.infra.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.infra.cli.SmeltCli;
import dev.smelt.pipeline.data.CleanDocs;
import dev.smelt.pipeline.data.DataStats;
import dev.smelt.pipeline.data.RejectedDocs;
import dev.smelt.pipeline.data.StageEditCount;
import dev.smelt.pipeline.data.StatsJson;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.filter.Rejected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input suite: a corpus of links out of the input, loops, pipes, odd encodings, a cut
 * gzip and repeated ids goes through `smelt data` as a user would run it; every bad entry is a
 * reject with its reason, read = kept + rejected, and nothing outside the run folder changes.
 */
class HostileCorpusTest {
  private static final String CLEAN_SENTENCE = "Na\u00efve caf\u00e9 owners greet every guest by name.";
  private static final List<String> ENCODED = List.of("utf16le-bom.txt", "utf16be-bom.txt",
      "utf32le-bom.txt", "utf16le.txt", "utf16be.txt", "utf32be.txt");

  @TempDir Path dir;

  @Test
  void linksAreNotFollowedByDefaultAndEverySkippedEntryIsACountedReject() throws Exception {
    runAndCheck(false);
  }

  @Test
  void followingLinksStaysInsideTheInputAndStillCountsLoops() throws Exception {
    runAndCheck(true);
  }

  private void runAndCheck(boolean followSymlinks) throws Exception {
    HostileCorpus corpus = HostileCorpus.plant(dir);
    // The config must be a whole run's; `smelt data` runs only its data section.
    Files.writeString(dir.resolve("labels.jsonl"), "{\"text\":\"good\",\"label\":1}\n");
    Path config = Files.writeString(dir.resolve("hostile.yaml"), "name: hostile\ndata:\n"
        + "  inputs: [corpus]\n  minChars: 1\n  filters: [length]\n  followSymlinks: " + followSymlinks
        + "\nfinetune:\n  inputs: [labels.jsonl]\n");
    String sentinelBefore = TreeChecksum.of(corpus.sentinel, true);
    String corpusBefore = TreeChecksum.of(corpus.corpus, false);
    Path out = dir.resolve("runs/hostile/data");

    int exit = SmeltCli.execute("data", config.toString(), "--out", out.toString());

    assertEquals(0, exit, "smelt data exit code");
    DataStats stats = StatsJson.read(out);
    List<Doc> kept = CleanDocs.read(out);
    List<Rejected> rejects = RejectedDocs.read(out);
    assertEquals(stats.read(), stats.kept() + stats.rejected(), "read = kept + rejected");
    assertEquals(stats.kept(), kept.size());
    assertEquals(stats.rejected(), rejects.size());
    checkRejects(corpus, followSymlinks, rejects);
    checkKept(corpus, followSymlinks, kept);
    checkRewrites(stats);
    assertEquals(sentinelBefore, TreeChecksum.of(corpus.sentinel, true), "the sentinel folder changed");
    assertEquals(corpusBefore, TreeChecksum.of(corpus.corpus, false), "the corpus folder changed");
  }

  private static void checkRejects(HostileCorpus corpus, boolean follow, List<Rejected> rejects) {
    rejects.forEach(r -> assertEquals("read", r.stage(), r::toString));
    List<Rejected> cut = rejects.stream().filter(r -> r.reason() == RejectReason.GZIP_TRUNCATED).toList();
    assertEquals(1, cut.size(), rejects::toString);
    assertEquals("truncated.jsonl.gz", cut.get(0).doc().source());
    List<Rejected> dupIds = rejects.stream().filter(r -> r.reason() == RejectReason.DUPLICATE_ID).toList();
    assertEquals(List.of("d1"), dupIds.stream().map(r -> r.doc().docId()).toList());
    Map<String, RejectReason> entries = rejects.stream()
        .filter(r -> r.reason() != RejectReason.GZIP_TRUNCATED && r.reason() != RejectReason.DUPLICATE_ID)
        .collect(Collectors.toMap(r -> r.doc().docId(), Rejected::reason, (a, b) -> a, LinkedHashMap::new));
    assertEquals(corpus.expectedEntryRejects(follow), entries);
    for (Rejected r : rejects) {
      if (entries.containsKey(r.doc().docId())) {
        assertEquals("", r.doc().text(), "a skipped entry is never opened: " + r);
      }
    }
  }

  private static void checkKept(HostileCorpus corpus, boolean follow, List<Doc> kept) {
    Map<String, String> byId = kept.stream().collect(Collectors.toMap(Doc::docId, Doc::text));
    Set<String> expected = new HashSet<>(List.of("good.txt", "real/inside.txt", "latin1.txt",
        "mojibake.txt", "d1", "d2"));
    expected.addAll(ENCODED);
    if (corpus.lockedIsReadable) {
      expected.add("locked.txt");
    }
    if (follow) {
      expected.addAll(List.of("inner-link.txt", "mirror/inside.txt"));
    }
    Set<String> truncatedKept = byId.keySet().stream().filter(id -> id.matches("t\\d+")).collect(Collectors.toSet());
    assertTrue(truncatedKept.size() >= HostileCorpus.TRUNCATED_RECORDS / 2, "records before the cut: " + truncatedKept);
    assertEquals(IntStream.rangeClosed(1, truncatedKept.size()).mapToObj(i -> "t" + i).collect(Collectors.toSet()),
        truncatedKept, "the records before the cut are kept, in order");
    expected.addAll(truncatedKept);
    assertEquals(expected, byId.keySet());
    for (String text : byId.values()) {
      assertFalse(text.contains(HostileCorpus.SECRET), "the sentinel leaked into clean: " + text);
      assertFalse(text.contains("root:"), "/etc/passwd leaked into clean: " + text);
    }
    ENCODED.forEach(id -> assertEquals(CLEAN_SENTENCE, byId.get(id), id));
    assertEquals("It\u2019s caf\u00e9 time at the gardens.", byId.get("mojibake.txt"));
    assertEquals("caf\u00e9 cr\u00e8me br\u00fbl\u00e9e", byId.get("latin1.txt"));
  }

  /** Guessed charsets (three wide files without a byte order mark, Latin-1) and the mojibake repair. */
  private static void checkRewrites(DataStats stats) {
    Map<RejectReason, Long> readRewrites = stats.modified().stream()
        .filter(m -> m.stage().equals("read"))
        .collect(Collectors.toMap(StageEditCount::reason, StageEditCount::documents));
    assertEquals(Map.of(RejectReason.CHARSET_GUESSED, 4L, RejectReason.MOJIBAKE_REPAIRED, 1L), readRewrites);
    assertEquals(2L, stats.modified().stream()
        .filter(m -> m.reason() == RejectReason.MOJIBAKE_REPAIRED).mapToLong(StageEditCount::edits).sum());
  }
}
