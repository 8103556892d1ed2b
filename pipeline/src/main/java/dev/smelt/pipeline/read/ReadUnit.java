package dev.smelt.pipeline.read;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A part of one corpus entry that a worker reads on its own: the whole entry, or the pieces
 * {@code [firstMark, endMark)} ({@link TextPieces}) of a large plain text file, so that the
 * pieces of one 5 GB file spread over workers instead of queueing behind one.
 */
public record ReadUnit(CorpusFile file, long firstMark, long endMark) implements Serializable {
  /**
   * Pieces per range: 8 MiB at the default split size, enough work to amortise opening the file
   * and deciding its charset again, little enough that a runner holding a bundle's output (the
   * DirectRunner does) holds a few MiB per worker.
   */
  static final int MARKS_PER_UNIT = 8;
  private static final long TO_END = Long.MAX_VALUE;

  public static ReadUnit whole(CorpusFile file) {
    return new ReadUnit(file, 0, TO_END);
  }

  public boolean isWhole() {
    return firstMark == 0 && endMark == TO_END;
  }

  /** Whether this unit reads to the file's end. */
  public boolean isLast() {
    return endMark == TO_END;
  }

  /** Whether this unit is the file's first (the one that counts the file as read). */
  public boolean isFirst() {
    return firstMark == 0;
  }

  /**
   * The units {@code file} is read in: an uncompressed {@code .txt}/{@code .md} file larger than
   * {@link #MARKS_PER_UNIT} pieces, when the text reader runs, is cut into ranges of that many
   * marks (the last reaching to its end); anything else is one whole unit.
   */
  static List<ReadUnit> of(CorpusFile file, ReaderOptions options) {
    long rangeBytes = (long) MARKS_PER_UNIT * options.textSplitBytes();
    long size = rangeable(file, options) ? sizeOf(file) : 0;
    if (size <= rangeBytes) {
      return List.of(whole(file));
    }
    List<ReadUnit> units = new ArrayList<>();
    long marks = size / options.textSplitBytes() + 1;
    for (long first = 0; first < marks; first += MARKS_PER_UNIT) {
      units.add(new ReadUnit(file, first, first + MARKS_PER_UNIT >= marks ? TO_END : first + MARKS_PER_UNIT));
    }
    return units;
  }

  private static boolean rangeable(CorpusFile file, ReaderOptions options) {
    String name = file.relativePath().toLowerCase(Locale.ROOT);
    return !file.isSkipped() && options.formats().contains(PlainTextReader.NAME)
        && PlainTextReader.EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  private static long sizeOf(CorpusFile file) {
    try {
      return Files.size(file.toPath());
    } catch (IOException e) {
      return 0; // read whole, where the reader turns the problem into a reject
    }
  }
}
