package dev.smelt.pipeline.parts;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * The Parquet writer of one part file, as Beam's {@code ParquetIO.sink} makes it (Snappy, the
 * given Hadoop settings) with the row group bounded in bytes whatever the document size: parquet-mr
 * measures its buffer first after {@code MIN_ROWS_FOR_SIZE_CHECK} rows (100 by default, in 1.13
 * the same setting for the page and the row-group check), so 100 documents near data.maxChars
 * (5 MB) would sit in the heap before the 8 MB row group is closed. Checked from the first row, a
 * row group closes within one document of its bound; parquet-mr then spaces its checks by the
 * rows seen, so small documents are not measured row by row.
 */
final class ShardParquetFile {
  /** Parquet buffers a whole row group in heap; a streaming reader holds one row group's chunks. */
  static final int ROW_GROUP_BYTES = 8 << 20;
  /** Rows before the first size check of a page and of the row group (parquet-mr: 100). */
  static final int MIN_ROWS_FOR_SIZE_CHECK = 1;

  private ShardParquetFile() {}

  /** A writer of {@code schema} rows into the new file {@code path}; closing it writes the footer. */
  static ParquetWriter<GenericRecord> create(Path path, Schema schema, Map<String, String> settings)
      throws IOException {
    Configuration conf = new Configuration(false);
    settings.forEach(conf::set);
    OutputStream out = Channels.newOutputStream(
        FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    return AvroParquetWriter.<GenericRecord>builder(new StreamFile(out))
        .withSchema(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withConf(conf)
        .withRowGroupSize(ROW_GROUP_BYTES)
        .withMinRowCountForPageSizeCheck(MIN_ROWS_FOR_SIZE_CHECK)
        .build();
  }

  /** A file written once from its start, as ParquetIO's own output file over a channel. */
  private record StreamFile(OutputStream out) implements OutputFile {
    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        private long position;

        @Override
        public long getPos() {
          return position;
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          position += len;
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() throws IOException {
          out.close();
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
