package dev.smelt.pipeline.beam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** What a stage wrote, in forms two runs can be compared by: sorted rows, and files by sha256. */
final class OutputDigest {
  private OutputDigest() {}

  /**
   * Every row of every {@code *.parquet} file under {@code dir}, as "doc_id sha256-of-the-row",
   * sorted: equal lists mean the same rows, whatever part file each landed in.
   */
  static List<String> sortedRows(Path dir) {
    List<String> rows = new ArrayList<>();
    for (Path part : parquetFiles(dir)) {
      Configuration conf = new Configuration(false);
      try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
          HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part.toUri()), conf))
          .withConf(conf).build()) {
        for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
          rows.add(row.get("doc_id") + " " + sha256(row.toString().getBytes(StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + part, e);
      }
    }
    rows.sort(null);
    return rows;
  }

  /** Every regular file under {@code dir} (relative path → sha256), hidden Beam temp files left out. */
  static Map<String, String> fileHashes(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(f).toString();
        if (!rel.startsWith(".") && !rel.contains("/.")) {
          out.put(rel, sha256(Files.readAllBytes(f)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + dir, e);
    }
    return out;
  }

  private static List<Path> parquetFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
