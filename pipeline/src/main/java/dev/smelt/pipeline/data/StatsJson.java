package dev.smelt.pipeline.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** data/stats.json: {@link DataStats} in snake_case (read, kept, rejected, kept_bytes, rejects…). */
public final class StatsJson {
  public static final String FILE = "stats.json";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private StatsJson() {}

  public static void write(DataStats stats, Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      JSON.writeValue(file.toFile(), stats);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static DataStats read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      return JSON.readValue(file.toFile(), DataStats.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
