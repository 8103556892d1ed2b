package dev.smelt.pipeline.data;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.parts.PartFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** The kept documents of a finished data stage (data/clean/*.parquet), read without Beam. */
public final class CleanDocs {
  public static final String FOLDER = "clean";

  private CleanDocs() {}

  /**
   * All kept documents, in part-file order.
   *
   * @throws IllegalArgumentException if {@code dataDir} has no clean/ folder
   */
  public static List<Doc> read(Path dataDir) {
    return PartFiles.readAll(dataDir.resolve(FOLDER), ParquetRows::doc);
  }

  /**
   * Hands the kept documents to {@code visitor} one at a time, in part-file order (the order of
   * {@link #read}), until it returns false.
   */
  public static void visit(Path dataDir, Predicate<Doc> visitor) {
    PartFiles.visit(dataDir.resolve(FOLDER), ParquetRows::doc, visitor);
  }

  /** The part files, for callers that want to stream them one at a time. */
  public static List<Path> parts(Path dataDir) {
    return PartFiles.list(dataDir.resolve(FOLDER));
  }
}
