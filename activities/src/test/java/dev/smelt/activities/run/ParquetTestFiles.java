package dev.smelt.activities.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/** Writes the Parquet files of a run folder in tests, outside Beam, as the stages lay them out. */
public final class ParquetTestFiles {
  private ParquetTestFiles() {}

  /** {@code rows} of {@code schema} into {@code file}, lists as the standard 3-level LIST. */
  public static void write(Path file, Schema schema, List<GenericRecord> rows) throws IOException {
    Configuration conf = new Configuration(false);
    conf.set("parquet.avro.write-old-list-structure", "false");
    try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(
            HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))
        .withSchema(schema).withConf(conf).build()) {
      for (GenericRecord r : rows) {
        w.write(r);
      }
    }
  }
}
