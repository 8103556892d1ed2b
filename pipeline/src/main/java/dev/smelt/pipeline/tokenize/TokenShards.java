package dev.smelt.pipeline.tokenize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Reads token shards (data/shards or data/val) without Beam, for the trainers. */
public final class TokenShards {
  private TokenShards() {}

  /** Every document in {@code dir}/*.parquet, files in name order, rows in file order. */
  public static List<TokenDoc> read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + ": no token shards there; run the data stage first");
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    Configuration conf = new Configuration(false);
    // files without an Avro schema (pyarrow, DuckDB) then read as list<int>, not list<{element}>
    conf.setBoolean(AvroReadSupport.AVRO_COMPATIBILITY, false);
    List<TokenDoc> docs = new ArrayList<>();
    for (Path file : files) {
      HadoopInputFile input = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf);
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(input).withConf(conf).build()) {
        for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
          docs.add(TokenDoc.fromAvro(r));
        }
      } catch (RuntimeException e) {
        throw new IOException(file + ": not a token shard (" + e.getMessage() + ")", e);
      }
    }
    return docs;
  }
}
