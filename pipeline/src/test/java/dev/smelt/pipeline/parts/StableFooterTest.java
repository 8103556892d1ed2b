package dev.smelt.pipeline.parts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.DocSchemas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A footer whose encodings another JVM listed in another order ends as the same bytes. */
class StableFooterTest {
  @TempDir Path tmp;

  @Test
  void encodingsInEitherOrderEndAsTheSameFooterBytes() throws IOException {
    Path file = tmp.resolve("part.parquet");
    write(file);
    StableFooter.sort(file);
    byte[] sorted = Files.readAllBytes(file);
    FileMetaData meta = footer(sorted);
    assertTrue(chunks(meta).stream().anyMatch(c -> c.getMeta_data().getEncodingsSize() > 1),
        "a chunk lists several encodings, so their order can differ");

    for (ColumnChunk c : chunks(meta)) {
      List<Encoding> reversed = new ArrayList<>(c.getMeta_data().getEncodings());
      Collections.reverse(reversed);
      c.getMeta_data().setEncodings(reversed);
    }
    Path other = tmp.resolve("other.parquet");
    Files.write(other, withFooter(sorted, meta));
    assertFalse(Arrays.equals(sorted, Files.readAllBytes(other)), "the reversed footer differs");

    StableFooter.sort(other);

    assertArrayEquals(sorted, Files.readAllBytes(other));
  }

  private static void write(Path file) throws IOException {
    ParquetIO.Sink sink = ParquetIO.sink(DocSchemas.CLEAN_DOC).withConfiguration(Map.of());
    sink.open(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    for (int i = 0; i < 50; i++) {
      GenericRecord row = new GenericData.Record(DocSchemas.CLEAN_DOC);
      row.put("doc_id", "doc-" + i);
      row.put("source", "src");
      row.put("text", "text number " + i);
      sink.write(row);
    }
    sink.flush();
  }

  private static List<ColumnChunk> chunks(FileMetaData meta) {
    List<ColumnChunk> out = new ArrayList<>();
    for (RowGroup g : meta.getRow_groups()) {
      out.addAll(g.getColumns());
    }
    return out;
  }

  private static int footerLength(byte[] file) {
    return ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private static FileMetaData footer(byte[] file) throws IOException {
    int length = footerLength(file);
    return Util.readFileMetaData(new ByteArrayInputStream(file, file.length - 8 - length, length));
  }

  private static byte[] withFooter(byte[] file, FileMetaData meta) throws IOException {
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    Util.writeFileMetaData(meta, footer);
    byte[] out = file.clone();
    System.arraycopy(footer.toByteArray(), 0, out, file.length - 8 - footerLength(file), footer.size());
    return out;
  }
}
