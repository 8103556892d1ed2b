package dev.smelt.pipeline.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.DocSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.GroupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenShardsTest {
  private static final List<TokenDoc> DOCS = List.of(
      new TokenDoc("a", "x.txt", new int[] {300, 4, 0}),
      new TokenDoc("b", "y.txt", new int[] {0}),
      new TokenDoc("c", "y.txt", new int[] {7, 8, 9, 10, 0}));

  @Test
  void readsTheStandardThreeLevelList(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("part-00000-of-00001.parquet");
    ParquetFiles.write(file, DocSchemas.TOKEN_DOC, DOCS.stream().map(TokenDoc::toAvro).toList(),
        WriteTokenShards.PARQUET_CONF);
    GroupType list = ParquetFiles.schemaOf(file).getType("input_ids").asGroupType();
    assertEquals("list", list.getType(0).getName());
    assertEquals("element", list.getType(0).asGroupType().getType(0).getName());
    assertSameDocs(DOCS, TokenShards.read(dir));
  }

  @Test
  void readsTheLegacyTwoLevelList(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("part-00000-of-00001.parquet");
    ParquetFiles.write(file, DocSchemas.TOKEN_DOC, DOCS.stream().map(TokenDoc::toAvro).toList(),
        Map.of("parquet.avro.write-old-list-structure", "true"));
    GroupType list = ParquetFiles.schemaOf(file).getType("input_ids").asGroupType();
    assertTrue(list.getType(0).isPrimitive(), "legacy layout: repeated int32 array");
    assertSameDocs(DOCS, TokenShards.read(dir));
  }

  @Test
  void readsFilesInNameOrder(@TempDir Path dir) throws Exception {
    ParquetFiles.write(dir.resolve("part-00001-of-00002.parquet"), DocSchemas.TOKEN_DOC,
        List.of(DOCS.get(2).toAvro()), WriteTokenShards.PARQUET_CONF);
    ParquetFiles.write(dir.resolve("part-00000-of-00002.parquet"), DocSchemas.TOKEN_DOC,
        List.of(DOCS.get(0).toAvro(), DOCS.get(1).toAvro()), WriteTokenShards.PARQUET_CONF);
    assertSameDocs(DOCS, TokenShards.read(dir));
  }

  @Test
  void anEmptyFolderHoldsNoDocuments(@TempDir Path dir) throws Exception {
    assertEquals(List.of(), TokenShards.read(dir));
  }

  @Test
  void aMissingFolderSaysWhatToRunFirst(@TempDir Path dir) {
    Exception e = assertThrows(java.io.IOException.class, () -> TokenShards.read(dir.resolve("shards")));
    assertTrue(e.getMessage().contains("run the data stage first"), e.getMessage());
  }

  @Test
  void aFileOfAnotherSchemaIsReportedByName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("other.parquet");
    Files.writeString(file, "not parquet at all");
    Exception e = assertThrows(Exception.class, () -> TokenShards.read(dir));
    assertTrue(e.getMessage().contains("other.parquet"), e.getMessage());
  }

  static void assertSameDocs(List<TokenDoc> expected, List<TokenDoc> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).docId(), actual.get(i).docId());
      assertEquals(expected.get(i).source(), actual.get(i).source());
      assertArrayEquals(expected.get(i).ids(), actual.get(i).ids());
    }
  }
}
