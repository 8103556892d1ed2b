package dev.smelt.pipeline.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.doc.DocSchemas;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedParquetWriteTest {
  @TempDir Path tmp;

  private final TestPipeline p =
      TestPipeline.fromOptions(PipelineOptionsFactory.create()).enableAbandonedNodeEnforcement(false);

  @Test
  void aShardLargerThanOneRowGroupIsCutIntoBoundedRowGroupsKeepingEveryRow() throws IOException {
    // 400 documents of 64 KiB of random letters (Snappy barely shrinks them): 25 MiB in one shard.
    List<BlockMetaData> groups = rowGroupsOfOneShard(randomDocs(400, 64 << 10, 7));
    assertTrue(groups.size() >= 2, "row groups for 25 MiB: " + groups.size());
    for (BlockMetaData group : groups) {
      assertTrue(group.getCompressedSize() <= ShardParquetFile.ROW_GROUP_BYTES + (4 << 20),
          "row group of " + group.getCompressedSize() + " bytes");
    }
    assertEquals(400, groups.stream().mapToLong(BlockMetaData::getRowCount).sum());
  }

  @Test
  void documentsNearAMegabyteCloseARowGroupWithinOneDocumentOfItsBound() throws IOException {
    // 30 documents of 1 MiB: parquet-mr's first size check at row 100 would buffer all 30 MiB in
    // one row group; checked from the first row, a group ends past 8 MiB by at most one document.
    List<BlockMetaData> groups = rowGroupsOfOneShard(randomDocs(30, 1 << 20, 9));
    for (BlockMetaData group : groups) {
      assertTrue(group.getTotalByteSize() <= ShardParquetFile.ROW_GROUP_BYTES + (1 << 20) + (64 << 10),
          "row group of " + group.getTotalByteSize() + " bytes, " + group.getRowCount() + " rows");
    }
    assertTrue(groups.size() >= 3, "row groups for 30 MiB: " + groups.size());
    assertEquals(30, groups.stream().mapToLong(BlockMetaData::getRowCount).sum());
  }

  /** {@code count} documents of {@code chars} random letters, ids in reverse order. */
  private static List<Doc> randomDocs(int count, int chars, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Doc> docs = new ArrayList<>();
    for (int d = count - 1; d >= 0; d--) {
      StringBuilder text = new StringBuilder(chars);
      for (int c = 0; c < chars; c++) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      docs.add(new Doc(String.format("doc-%03d", d), "test", text.toString()));
    }
    return docs;
  }

  /** Writes {@code docs} as one part file and returns its row groups. */
  private List<BlockMetaData> rowGroupsOfOneShard(List<Doc> docs) throws IOException {
    p.apply(Create.of(docs).withCoder(SerializableCoder.of(Doc.class)))
        .apply(ShardedParquetWrite.of(DocSchemas.CLEAN_DOC, ShardedParquetWriteTest::row, Doc::docId)
            .to(tmp));
    p.run().waitUntilFinish();
    Path part = tmp.resolve(WriteShardFile.name(0, 1));
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part.toUri()), new Configuration(false)))) {
      return reader.getFooter().getBlocks();
    }
  }

  @Test
  void aSortBufferIsAtMostItsCapAndASixteenthOfTheHeap() {
    long bytes = ShardedParquetWrite.sortMemoryBytes();
    assertTrue(bytes > 0);
    assertTrue(bytes <= ShardedParquetWrite.SORT_MEMORY_CAP_BYTES);
    assertTrue(bytes <= Runtime.getRuntime().maxMemory() / 16);
  }

  private static GenericRecord row(Doc doc) {
    return new GenericRecordBuilder(DocSchemas.CLEAN_DOC).set("doc_id", doc.docId())
        .set("source", doc.source()).set("text", doc.text()).build();
  }
}
