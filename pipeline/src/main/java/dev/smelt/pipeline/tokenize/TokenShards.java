package dev.smelt.pipeline.tokenize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
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
    List<TokenDoc> docs = new ArrayList<>();
    visit(dir, docs::add);
    return docs;
  }

  /**
   * Hands the documents of {@code dir}/*.parquet to {@code visitor} one at a time, in the order of
   * {@link #read}, until it returns false; only one document is held at a time.
   */
  public static void visit(Path dir, Predicate<TokenDoc> visitor) throws IOException {
    Configuration conf = new Configuration(false);
    // files without an Avro schema (pyarrow, DuckDB) then read as list<int>, not list<{element}>
    conf.setBoolean(AvroReadSupport.AVRO_COMPATIBILITY, false);
    for (Path file : files(dir)) {
      HadoopInputFile input = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf);
      try (ParquetReader<GenericRecord> reader = open(input, conf, file)) {
        for (TokenDoc d = next(reader, file); d != null; d = next(reader, file)) {
          if (!visitor.test(d)) {
            return;
          }
        }
      }
    }
  }

  private static ParquetReader<GenericRecord> open(HadoopInputFile input, Configuration conf,
      Path file) throws IOException {
    try {
      return AvroParquetReader.<GenericRecord>builder(input).withConf(conf).build();
    } catch (RuntimeException e) {
      throw notAShard(file, e);
    }
  }

  /** The next row of {@code reader}, or null at its end; a row of another shape is an IOException. */
  private static TokenDoc next(ParquetReader<GenericRecord> reader, Path file) throws IOException {
    try {
      GenericRecord r = reader.read();
      return r == null ? null : TokenDoc.fromAvro(r);
    } catch (RuntimeException e) {
      throw notAShard(file, e);
    }
  }

  private static IOException notAShard(Path file, RuntimeException e) {
    return new IOException(file + ": not a token shard (" + e.getMessage() + ")", e);
  }

  /** The shard files of {@code dir}, in name order. */
  public static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + ": no token shards there; run the data stage first");
    }
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }
}
