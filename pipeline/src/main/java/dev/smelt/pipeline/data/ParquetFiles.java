package dev.smelt.pipeline.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Reads the part-*.parquet files of one data folder without a Beam runner. */
final class ParquetFiles {
  private ParquetFiles() {}

  /** The part files of {@code dir}, sorted by name. */
  static List<Path> parts(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "no folder " + dir + ": run the data stage first, or point at its data folder");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("part-"))
          .filter(f -> f.getFileName().toString().endsWith(".parquet"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Every row of every part file of {@code dir}, in file order. */
  static <T> List<T> readAll(Path dir, Function<GenericRecord, T> convert) {
    List<T> rows = new ArrayList<>();
    visit(dir, convert, rows::add);
    return rows;
  }

  /**
   * Hands the rows of the part files of {@code dir} to {@code visitor} one at a time, files in
   * name order, rows in file order, until it returns false; only one row is held at a time.
   */
  static <T> void visit(Path dir, Function<GenericRecord, T> convert, Predicate<T> visitor) {
    for (Path part : parts(dir)) {
      try (ParquetReader<GenericRecord> reader = open(part)) {
        for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
          if (!visitor.test(convert.apply(row))) {
            return;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + part + ": " + e.getMessage(), e);
      }
    }
  }

  static ParquetReader<GenericRecord> open(Path part) throws IOException {
    Configuration conf = new Configuration(false);
    return AvroParquetReader.<GenericRecord>builder(
            HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part.toUri()), conf))
        .withConf(conf)
        .build();
  }
}
