package dev.smelt.pipeline.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.DocSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanTextCountsTest {
  private static final int VOCAB = 520;
  private static final List<String> TEXTS = texts();

  @TempDir static Path dataDir;

  private static List<String> texts() {
    List<String> t = new ArrayList<>(SampleTexts.sentences(400, 11));
    t.add(SampleTexts.AUSTEN);
    t.add("café 中文 😀\r\n  e\u0301 ");
    return t;
  }

  @BeforeAll
  static void writeCleanParts() throws Exception {
    Path clean = Files.createDirectories(dataDir.resolve("clean"));
    List<GenericRecord> rows = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      GenericRecord r = new GenericData.Record(DocSchemas.CLEAN_DOC);
      r.put("doc_id", "d" + i);
      r.put("source", "s.txt");
      r.put("text", TEXTS.get(i));
      rows.add(r);
    }
    // written out of name order: the count must follow part-file names, not creation order
    ParquetFiles.write(clean.resolve("part-00001-of-00002.parquet"), DocSchemas.CLEAN_DOC,
        rows.subList(150, rows.size()), Map.of());
    ParquetFiles.write(clean.resolve("part-00000-of-00002.parquet"), DocSchemas.CLEAN_DOC,
        rows.subList(0, 150), Map.of());
  }

  private static byte[] tokenizerJson(BpeTokenizer t, Path dir) throws Exception {
    Path file = dir.resolve("tokenizer-" + System.nanoTime() + ".json");
    t.save(file);
    return Files.readAllBytes(file);
  }

  @Test
  void streamedCountsGiveTheTokenizerOfTheInMemoryTexts(@TempDir Path tmp) throws Exception {
    WordCountPass pass = CleanTextCounts.count(dataDir, tmp.resolve("counts.bin"), 0,
        WordCounts.UNBOUNDED, rows -> false);
    assertEquals(TEXTS.size(), pass.rows());
    ByteLevelBpeTrainer trainer = new ByteLevelBpeTrainer(VOCAB, 2, 0);
    assertArrayEquals(tokenizerJson(trainer.train(TEXTS), tmp),
        tokenizerJson(trainer.train(pass.counts()), tmp));
  }

  @Test
  void streamedCountsStopWhereMaxTrainCharsRunsOutAsTheInMemoryPathDoes(@TempDir Path tmp)
      throws Exception {
    WordCountPass pass = CleanTextCounts.count(dataDir, tmp.resolve("counts.bin"), 3_000,
        1_000_000, rows -> rows % 50 == 0);
    assertTrue(pass.budgetSpent());
    assertTrue(pass.rows() < TEXTS.size(), "stopped early: " + pass.rows());
    ByteLevelBpeTrainer trainer = new ByteLevelBpeTrainer(VOCAB, 2, 3_000);
    assertArrayEquals(tokenizerJson(trainer.train(TEXTS), tmp),
        tokenizerJson(trainer.train(pass.counts()), tmp));
  }

  @Test
  void aCountStoppedAfterNRowsResumesToTheSameTokenizerBytes(@TempDir Path tmp) throws Exception {
    ByteLevelBpeTrainer trainer = new ByteLevelBpeTrainer(VOCAB, 2, 0);
    int cap = 300; // small enough to prune several times on the way
    byte[] whole = tokenizerJson(trainer.train(CleanTextCounts.count(dataDir,
        tmp.resolve("whole.bin"), 0, cap, rows -> false).counts()), tmp);

    Path counts = tmp.resolve("counts.bin");
    RuntimeException killed = assertThrows(RuntimeException.class,
        () -> CleanTextCounts.count(dataDir, counts, 0, cap, rows -> {
          if (rows == 230) {
            throw new IllegalStateException("killed after 230 rows");
          }
          return rows % 40 == 0; // saved at 40, 80, ... 200
        }));
    assertTrue(killed.getMessage().contains("killed"), killed.getMessage());
    assertEquals(200, WordCountPass.resume(counts, CleanTextCounts.inputs(dataDir, cap), 0, cap)
        .orElseThrow().rows());

    WordCountPass resumed = CleanTextCounts.count(dataDir, counts, 0, cap, rows -> false);
    assertEquals(TEXTS.size(), resumed.rows());
    assertTrue(resumed.counts().droppedTypes() > 0, "the cap was reached: pruning was exercised");
    assertArrayEquals(whole, tokenizerJson(trainer.train(resumed.counts()), tmp));
  }

  @Test
  void aSavedCountOfOtherSettingsIsNotContinued(@TempDir Path tmp) throws Exception {
    Path counts = tmp.resolve("counts.bin");
    CleanTextCounts.count(dataDir, counts, 1_000, 500, rows -> false);
    WordCountPass fresh = CleanTextCounts.count(dataDir, counts, 0, 500, rows -> false);
    assertEquals(TEXTS.size(), fresh.rows(), "another maxTrainChars starts from row 0");
    assertTrue(WordCountPass.resume(counts, CleanTextCounts.inputs(dataDir, 400), 0, 400)
        .isEmpty(), "another cap starts over");
  }

  @Test
  void aCappedTableKeepsTheFrequentWordsAndDropsTheRare() {
    WordCounts counts = new WordCounts(4);
    for (String w : List.of("a", "a", "a", "b", "b", "c", "d")) {
      counts.add(w);
    }
    counts.add("e"); // the fifth type: prune to 2, the rarest (c, d) go
    assertEquals(3, counts.size());
    assertEquals(3, counts.table().get("a")[0]);
    assertEquals(2, counts.table().get("b")[0]);
    assertEquals(1, counts.table().get("e")[0]);
    assertEquals(2, counts.droppedTypes());
  }

  @Test
  void aPruneBreaksTiesByTheLargerStringFirst() {
    WordCounts counts = new WordCounts(2);
    counts.add("x");
    counts.add("y");
    counts.add("z"); // prune to 1 of the tied x, y: y goes
    assertTrue(counts.table().containsKey("x"));
    assertTrue(counts.table().containsKey("z"));
    assertFalse(counts.table().containsKey("y"));
  }

  @Test
  void aCapBelowTwoNamesTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new WordCounts(1));
    assertTrue(e.getMessage().contains("tokenizer.maxWordTypes"), e.getMessage());
  }
}
