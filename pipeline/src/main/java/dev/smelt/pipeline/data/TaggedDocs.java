package dev.smelt.pipeline.data;

import dev.smelt.pipeline.filter.Tagged;
import dev.smelt.pipeline.parts.PartFiles;
import java.nio.file.Path;
import java.util.List;

/** The tags set on kept documents of a finished data stage (data/tags/*.parquet), read without Beam. */
public final class TaggedDocs {
  public static final String FOLDER = "tags";

  private TaggedDocs() {}

  /** @throws IllegalArgumentException if {@code dataDir} has no tags/ folder */
  public static List<Tagged> read(Path dataDir) {
    return PartFiles.readAll(dataDir.resolve(FOLDER), ParquetRows::tagged);
  }
}
