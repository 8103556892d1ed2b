package dev.smelt.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smelt.activities.run.ParquetTestFiles;
import dev.smelt.pipeline.doc.DocSchemas;
import dev.smelt.pipeline.tokenize.TokenDoc;
import dev.smelt.pipeline.tokenize.TokenShards;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
  @TempDir static Path dir;
  static Path shards;

  /** Three shard files of documents of random lengths (1 to 90 tokens), ids 4..4099, each ending in 0. */
  @BeforeAll
  static void writeShards() throws Exception {
    shards = Files.createDirectories(dir.resolve("shards"));
    SplittableRandom rng = new SplittableRandom(3);
    for (int f = 2; f >= 0; f--) { // written out of name order
      List<GenericRecord> rows = new ArrayList<>();
      for (int d = 0; d < 40; d++) {
        int[] ids = new int[1 + rng.nextInt(90)];
        for (int i = 0; i < ids.length - 1; i++) {
          ids[i] = 4 + rng.nextInt(4096);
        }
        rows.add(new TokenDoc("f" + f + "/" + d, "s", ids).toAvro());
      }
      ParquetTestFiles.write(shards.resolve("part-0000" + f + "-of-00003.parquet"), DocSchemas.TOKEN_DOC, rows);
    }
  }

  private static List<int[]> docsInMemory() throws Exception {
    return TokenShards.read(shards).stream().map(TokenDoc::ids).toList();
  }

  @Test
  void holdsTheShardTokensInShardOrder() throws Exception {
    int[] expected = docsInMemory().stream().flatMapToInt(java.util.Arrays::stream).toArray();
    try (TokenFile file = TokenFile.build(shards, dir.resolve("a/train.int32"))) {
      assertEquals(expected.length, file.length());
      int[] all = new int[expected.length];
      file.read(0, all, all.length);
      assertArrayEquals(expected, all);
      int[] middle = new int[50_000 > expected.length ? 7 : 50_000];
      file.read(13, middle, middle.length);
      assertArrayEquals(java.util.Arrays.copyOfRange(expected, 13, 13 + middle.length), middle);
    }
  }

  @Test
  void servesTheSameBatchesAsTheDocumentsInMemoryForThreeSeeds() throws Exception {
    List<int[]> docs = docsInMemory();
    try (TokenFile file = TokenFile.build(shards, dir.resolve("b/train.int32"))) {
      for (long seed : new long[] {1, 42, 1234567}) {
        TokenBatches old = new TokenBatches(docs, 16, 8, seed);
        TokenBatches streamed = new TokenBatches(file, 16, 8, seed);
        assertEquals(old.windows(), streamed.windows());
        int steps = 2 * old.windows() / 8 + 3; // past two epoch boundaries
        for (int s = 0; s < steps; s++) {
          TokenBatch a = old.next();
          TokenBatch b = streamed.next();
          assertArrayEquals(a.inputs(), b.inputs(), "seed " + seed + " step " + s);
          assertArrayEquals(a.targets(), b.targets(), "seed " + seed + " step " + s);
          assertEquals(old.cursor(), streamed.cursor());
        }
        DataCursor mid = new DataCursor(1, 5);
        old.seek(mid);
        streamed.seek(mid);
        assertArrayEquals(old.next().inputs(), streamed.next().inputs(), "after a seek");
      }
    }
  }

  @Test
  void refusesAReadPastItsEnd() throws Exception {
    try (TokenFile file = TokenFile.build(shards, dir.resolve("c/train.int32"))) {
      assertThrows(IndexOutOfBoundsException.class,
          () -> file.read(file.length() - 2, new int[3], 3));
    }
  }
}
