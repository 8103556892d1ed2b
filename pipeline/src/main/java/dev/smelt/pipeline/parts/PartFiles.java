package dev.smelt.pipeline.parts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The one store of part files ({@code part-*.parquet}) in an output folder of the data and
 * token-shard pipelines: listing them in name order, clearing them before a run, tidying what an
 * interrupted write left behind, and reading them back without a Beam runner.
 */
public final class PartFiles {
  static final String PREFIX = "part-";
  static final String SUFFIX = ".parquet";
  /** FileIO's temp folders; older runs of the pipelines wrote through FileIO. */
  private static final String FILEIO_TEMP = ".temp-beam";

  private PartFiles() {}

  /**
   * The part files of {@code dir}, sorted by name.
   *
   * @throws IllegalArgumentException if {@code dir} is no folder
   */
  public static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "no folder " + dir + ": run the data stage first, or point at its data folder");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(PartFiles::isPart).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates {@code dir} (it exists even if nothing is written there) and deletes the part files and
   * write leftovers of an earlier run, which would otherwise mix with this run's.
   *
   * @return {@code dir} as an absolute path
   */
  public static Path clear(Path dir) {
    try {
      Files.createDirectories(dir);
      for (Path part : list(dir)) {
        Files.delete(part);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir + ": " + e.getMessage(), e);
    }
    removeLeftovers(dir);
    return dir.toAbsolutePath();
  }

  /** Deletes temporary files and folders a write left in {@code dir}; readers should not see them. */
  public static void removeLeftovers(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path temp : entries.filter(PartFiles::isLeftover).toList()) {
        deleteTree(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tidy " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Every row of every part file of {@code dir}, files in name order, rows in file order. */
  public static <T> List<T> readAll(Path dir, Function<GenericRecord, T> convert) {
    List<T> rows = new ArrayList<>();
    visit(dir, convert, rows::add);
    return rows;
  }

  /**
   * Hands the rows of the part files of {@code dir} to {@code visitor} one at a time, files in
   * name order, rows in file order, until it returns false; only one row is held at a time.
   */
  public static <T> void visit(Path dir, Function<GenericRecord, T> convert, Predicate<T> visitor) {
    for (Path part : list(dir)) {
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

  /** A reader of one part file's rows, with the Avro schema stored in it. */
  public static ParquetReader<GenericRecord> open(Path part) throws IOException {
    Configuration conf = new Configuration(false);
    return AvroParquetReader.<GenericRecord>builder(
            HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part.toUri()), conf))
        .withConf(conf)
        .build();
  }

  private static boolean isPart(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
  }

  /** A FileIO temp folder, or the temp file of a shard write that did not get to its rename. */
  private static boolean isLeftover(Path entry) {
    String name = entry.getFileName().toString();
    return name.startsWith(FILEIO_TEMP)
        || (name.startsWith("." + PREFIX) && name.endsWith(WriteShardFile.TEMP_SUFFIX));
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
