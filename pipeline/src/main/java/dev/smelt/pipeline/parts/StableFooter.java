package dev.smelt.pipeline.parts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Puts a Parquet file's footer in one order whatever JVM wrote it. parquet-mr gathers a column
 * chunk's encodings in a HashSet of enum constants, whose order follows their identity hash
 * codes, so two processes writing the same rows wrote footers with [PLAIN, BIT_PACKED] in either
 * order. This sorts every chunk's encodings (and encoding stats) by their Thrift value and
 * rewrites the footer in place: the same values in another order serialize to the same length.
 */
final class StableFooter {
  private static final int TAIL = 8; // footer length (int32, little-endian) + "PAR1"

  private StableFooter() {}

  /** @throws IOException if {@code file} is not a plain Parquet file */
  static void sort(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      ByteBuffer tail = read(ch, size - TAIL, TAIL).order(ByteOrder.LITTLE_ENDIAN);
      int length = tail.getInt(0);
      long start = size - TAIL - length;
      byte[] footer = read(ch, start, length).array();
      FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(footer));
      if (!sortChunks(meta)) {
        return;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(length);
      Util.writeFileMetaData(meta, out);
      if (out.size() != length) {
        throw new IOException("the sorted footer of " + file + " is " + out.size()
            + " bytes, not the " + length + " written");
      }
      ByteBuffer sorted = ByteBuffer.wrap(out.toByteArray());
      while (sorted.hasRemaining()) {
        ch.write(sorted, start + sorted.position());
      }
    }
  }

  private static boolean sortChunks(FileMetaData meta) {
    boolean changed = false;
    for (RowGroup group : meta.getRow_groups()) {
      for (ColumnChunk chunk : group.getColumns()) {
        ColumnMetaData m = chunk.getMeta_data();
        if (m == null) {
          continue;
        }
        List<Encoding> encodings = new ArrayList<>(m.getEncodings());
        encodings.sort(Comparator.comparingInt(Encoding::getValue));
        if (!encodings.equals(m.getEncodings())) {
          m.setEncodings(encodings);
          changed = true;
        }
        if (m.isSetEncoding_stats()) {
          List<PageEncodingStats> stats = new ArrayList<>(m.getEncoding_stats());
          stats.sort(Comparator.comparingInt((PageEncodingStats s) -> s.getPage_type().getValue())
              .thenComparingInt(s -> s.getEncoding().getValue()));
          if (!stats.equals(m.getEncoding_stats())) {
            m.setEncoding_stats(stats);
            changed = true;
          }
        }
      }
    }
    return changed;
  }

  private static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (ch.read(buf, at + buf.position()) < 0) {
        throw new IOException("a Parquet file ends before its footer");
      }
    }
    return buf.flip();
  }
}
