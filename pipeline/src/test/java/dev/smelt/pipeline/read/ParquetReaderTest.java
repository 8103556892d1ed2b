package dev.smelt.pipeline.read;

import static dev.smelt.pipeline.read.ReaderFixtures.read;
import static dev.smelt.pipeline.read.ReaderFixtures.rejectOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReaderTest {
  @TempDir Path dir;

  private static final Schema ROWS = SchemaBuilder.record("Row").fields()
      .optionalString("id").optionalString("body").optionalString("source").optionalLong("views")
      .endRecord();

  private Path write(String name, String[][] rows) throws IOException {
    Path file = dir.resolve(name);
    Configuration conf = new Configuration(false);
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
            HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))
        .withSchema(ROWS).withConf(conf).build()) {
      for (String[] r : rows) {
        GenericRecord row = new GenericData.Record(ROWS);
        row.put("id", r[0]);
        row.put("body", r[1]);
        row.put("source", r[2]);
        row.put("views", 7L);
        writer.write(row);
      }
    }
    return file;
  }

  private static CorpusFileReader reading(String textColumn) {
    return new CorpusFileReader(ReaderOptions.defaults()
        .withParquetColumns(new ParquetColumns(textColumn, "id", "source")));
  }

  @Test
  void readsRowsWithAConfiguredTextColumnAndOptionalIdAndSource() throws IOException {
    Path file = write("docs.parquet", new String[][] {
        {"a1", "First document.", "wiki"}, {null, "Second, with no id.", null}, {"a3", null, "web"}, {"a4", "", null}});
    List<DocDecision> out = ReaderFixtures.read(file, "docs.parquet", reading("body"));
    assertEquals(4, out.size());
    assertEquals(DocDecision.keep(new Doc("a1", "wiki", "First document.")), out.get(0));
    assertEquals(DocDecision.keep(new Doc("docs.parquet:2", "docs.parquet", "Second, with no id.")), out.get(1));
    assertEquals("column 'body' is null", rejectOf(out.get(2), RejectReason.MISSING_TEXT).detail());
    assertEquals("a3", out.get(2).doc().docId());
    assertEquals("column 'body' is empty", rejectOf(out.get(3), RejectReason.MISSING_TEXT).detail());
  }

  @Test
  void rejectsAFileWithoutTheTextColumnOnceNamingTheColumnsItHas() throws IOException {
    Path file = write("docs.parquet", new String[][] {{"a1", "x", "s"}, {"a2", "y", "s"}});
    List<DocDecision> out = ReaderFixtures.read(file, "docs.parquet", reading("text"));
    assertEquals(1, out.size());
    String detail = rejectOf(out.get(0), RejectReason.MISSING_TEXT).detail();
    assertTrue(detail.contains("no column 'text' (columns: id, body, source, views)"), detail);
  }

  @Test
  void rejectsANonStringTextColumn() throws IOException {
    Path file = write("docs.parquet", new String[][] {{"a1", "x", "s"}});
    String detail = rejectOf(ReaderFixtures.read(file, "docs.parquet", reading("views")).get(0),
        RejectReason.MISSING_TEXT).detail();
    assertTrue(detail.contains("not a string"), detail);
  }

  @Test
  void rejectsCorruptTruncatedAndEmptyParquetFiles() throws IOException {
    rejectOf(read(dir, "garbage.parquet", "PAR1 not really parquet".getBytes()).get(0), RejectReason.CORRUPT_FILE);
    byte[] good = Files.readAllBytes(write("good.parquet", new String[][] {{"a", "text", "s"}}));
    rejectOf(read(dir, "cut.parquet", Arrays.copyOf(good, good.length - 20)).get(0), RejectReason.CORRUPT_FILE);
    rejectOf(read(dir, "empty.parquet", new byte[0]).get(0), RejectReason.EMPTY_FILE);
  }

  @Test
  void refusesAGzippedParquetFileWithAHint() throws IOException {
    String detail = rejectOf(read(dir, "docs.parquet.gz", CorpusFileReaderTest.gzip(new byte[] {1})).get(0),
        RejectReason.UNSUPPORTED_FORMAT).detail();
    assertTrue(detail.contains("gunzip"), detail);
  }
}
