package dev.smelt.pipeline.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smelt.pipeline.dedup.minhash.NearDuplicateReport;
import java.nio.file.Files;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * data/stats.json: {@link DataStats} in snake_case (read, kept, rejected, kept_bytes, rejects…),
 * plus {@code near_duplicates} ({@link NearDuplicateReport}) when fuzzy_dedup ran.
 */
public final class StatsJson {
  public static final String FILE = "stats.json";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          // Sections besides the funnel (near_duplicates) are read by their own classes.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private StatsJson() {}

  /** Writes the funnel, with the near-duplicate report under {@code near_duplicates} if one is there. */
  public static void write(DataStats stats, Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      ObjectNode tree = JSON.valueToTree(stats);
      Path nearDuplicates = dataDir.resolve(NearDuplicateReport.FILE);
      if (Files.exists(nearDuplicates)) {
        tree.set("near_duplicates", JSON.readTree(nearDuplicates.toFile()));
      }
      JSON.writeValue(file.toFile(), tree);
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
