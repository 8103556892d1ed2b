package dev.smelt.pipeline.tokenize;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;

/** Writes and inspects Parquet files in tests, outside Beam. */
final class ParquetFiles {
  private ParquetFiles() {}

  static void write(Path file, Schema schema, List<GenericRecord> rows, Map<String, String> conf) throws IOException {
    Configuration c = new Configuration(false);
    conf.forEach(c::set);
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(
                HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), c))
            .withSchema(schema)
            .withConf(c)
            .build()) {
      for (GenericRecord r : rows) {
        writer.write(r);
      }
    }
  }

  static MessageType schemaOf(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration(false)))) {
      return reader.getFooter().getFileMetaData().getSchema();
    }
  }
}
