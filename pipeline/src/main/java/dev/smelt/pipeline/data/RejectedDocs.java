package dev.smelt.pipeline.data;

import dev.smelt.pipeline.filter.Rejected;
import dev.smelt.pipeline.parts.PartFiles;
import java.nio.file.Path;
import java.util.List;

/** The rejected documents of a finished data stage (data/rejects/*.parquet), read without Beam. */
public final class RejectedDocs {
  public static final String FOLDER = "rejects";

  private RejectedDocs() {}

  /** @throws IllegalArgumentException if {@code dataDir} has no rejects/ folder */
  public static List<Rejected> read(Path dataDir) {
    return PartFiles.readAll(dataDir.resolve(FOLDER), ParquetRows::rejected);
  }
}
