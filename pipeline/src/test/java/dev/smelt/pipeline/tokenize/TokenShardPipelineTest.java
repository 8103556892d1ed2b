package dev.smelt.pipeline.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.doc.DocSchemas;
import dev.smelt.pipeline.tokenize.TokenShardPipeline.TokenShardSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.schema.GroupType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenShardPipelineTest {
  private static final List<String> BEAM_ARGS = List.of("--targetParallelism=1");

  @TempDir static Path dataDir;
  static Map<String, Doc> docs = new LinkedHashMap<>();
  static Path tokenizerJson;
  static BpeTokenizer tokenizer;
  static TokenShardStats stats;

  @BeforeAll
  static void tokenizeAFixture() throws Exception {
    List<String> sentences = SampleTexts.sentences(40, 17);
    for (int i = 0; i < sentences.size(); i++) {
      docs.put("fixture/" + i, new Doc("fixture/" + i, "book-" + (i % 3) + ".txt", sentences.get(i)));
    }
    docs.put("edge/unicode", new Doc("edge/unicode", "edge.txt", "café 中文 😀\r\n  e\u0301 "));
    docs.put("edge/empty", new Doc("edge/empty", "edge.txt", ""));
    Path clean = Files.createDirectories(dataDir.resolve("clean"));
    List<GenericRecord> rows = docs.values().stream().map(TokenShardPipelineTest::cleanRow).toList();
    ParquetFiles.write(clean.resolve("part-0.parquet"), DocSchemas.CLEAN_DOC, rows.subList(0, 20), Map.of());
    ParquetFiles.write(clean.resolve("part-1.parquet"), DocSchemas.CLEAN_DOC, rows.subList(20, rows.size()), Map.of());

    tokenizer = new ByteLevelBpeTrainer(400, 2, 0).train(sentences);
    tokenizerJson = dataDir.resolve("tokenizer.json");
    tokenizer.save(tokenizerJson);
    stats = TokenShardPipeline.run(new TokenShardSpec(dataDir, tokenizerJson, 0.3, "DirectRunner", BEAM_ARGS));
  }

  @Test
  void everyDocumentLandsInExactlyOneSplitChosenByItsIdHash() throws Exception {
    List<TokenDoc> train = TokenShards.read(dataDir.resolve("shards"));
    List<TokenDoc> val = TokenShards.read(dataDir.resolve("val"));
    Set<String> seen = new HashSet<>();
    SplitByHash split = new SplitByHash(0.3);
    for (TokenDoc d : train) {
      assertTrue(seen.add(d.docId()), d.docId() + " written twice");
      assertFalse(split.isValidation(d.docId()), d.docId());
    }
    for (TokenDoc d : val) {
      assertTrue(seen.add(d.docId()), d.docId() + " written twice");
      assertTrue(split.isValidation(d.docId()), d.docId());
    }
    assertEquals(docs.keySet(), seen);
    assertFalse(train.isEmpty());
    assertFalse(val.isEmpty());
  }

  @Test
  void idsDecodeToTheTextFollowedByEndOfText() throws Exception {
    for (TokenDoc d : allShards()) {
      Doc original = docs.get(d.docId());
      assertEquals(original.source(), d.source());
      assertEquals(BpeTokenizer.END_OF_TEXT_ID, d.ids()[d.ids().length - 1]);
      assertEquals(original.text() + "<|endoftext|>", tokenizer.decode(d.ids()));
    }
  }

  @Test
  void statsCountWhatWasWritten() throws Exception {
    List<TokenDoc> train = TokenShards.read(dataDir.resolve("shards"));
    List<TokenDoc> val = TokenShards.read(dataDir.resolve("val"));
    assertEquals(train.size(), stats.trainDocs());
    assertEquals(val.size(), stats.valDocs());
    assertEquals(train.stream().mapToLong(d -> d.ids().length).sum(), stats.trainTokens());
    assertEquals(val.stream().mapToLong(d -> d.ids().length).sum(), stats.valTokens());
  }

  @Test
  void writesInputIdsAsAStandardParquetList() throws Exception {
    Path shard;
    try (Stream<Path> files = Files.list(dataDir.resolve("shards"))) {
      shard = files.filter(p -> p.getFileName().toString().matches("part-\\d{5}-of-\\d{5}\\.parquet"))
          .findFirst().orElseThrow();
    }
    var schema = ParquetFiles.schemaOf(shard);
    GroupType ids = schema.getType("input_ids").asGroupType();
    assertEquals("LIST", String.valueOf(ids.getLogicalTypeAnnotation()).replaceAll("\\(.*", "").toUpperCase());
    assertEquals("list", ids.getType(0).getName());
    assertEquals("element", ids.getType(0).asGroupType().getType(0).getName());
    assertEquals("INT32", schema.getType("n_tokens").asPrimitiveType().getPrimitiveTypeName().name());
  }

  @Test
  void aRerunReplacesTheShardsOfTheFirst(@TempDir Path rerunDir) throws Exception {
    Path clean = Files.createDirectories(rerunDir.resolve("clean"));
    Files.copy(dataDir.resolve("clean/part-0.parquet"), clean.resolve("part-0.parquet"));
    Files.createDirectories(rerunDir.resolve("val"));
    Files.writeString(rerunDir.resolve("val/part-00007-of-00009.parquet"), "stale shard of an earlier run");
    TokenShardStats all = TokenShardPipeline.run(
        new TokenShardSpec(rerunDir, tokenizerJson, 0.0, "DirectRunner", BEAM_ARGS));
    assertEquals(20, all.trainDocs());
    assertEquals(0, all.valDocs());
    assertEquals(20, TokenShards.read(rerunDir.resolve("shards")).size());
    assertEquals(0, TokenShards.read(rerunDir.resolve("val")).size());
  }

  @Test
  void missingCleanDocumentsSayWhichStageToRun(@TempDir Path empty) {
    Exception e = assertThrows(java.io.IOException.class, () -> TokenShardPipeline.run(
        new TokenShardSpec(empty, tokenizerJson, 0.1, "DirectRunner", List.of())));
    assertTrue(e.getMessage().contains("run the clean stage first"), e.getMessage());
  }

  private static List<TokenDoc> allShards() throws Exception {
    List<TokenDoc> all = new ArrayList<>(TokenShards.read(dataDir.resolve("shards")));
    all.addAll(TokenShards.read(dataDir.resolve("val")));
    return all;
  }

  private static GenericRecord cleanRow(Doc doc) {
    GenericRecord r = new GenericData.Record(DocSchemas.CLEAN_DOC);
    r.put("doc_id", doc.docId());
    r.put("source", doc.source());
    r.put("text", doc.text());
    return r;
  }
}
