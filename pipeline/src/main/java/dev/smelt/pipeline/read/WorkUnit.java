package dev.smelt.pipeline.read;

import dev.smelt.pipeline.dedup.TextHash;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the resumable read does and records as one step ({@link UnitManifest}): a range of a large
 * text file, or consecutive whole entries up to about a range's size. Its key is a hash of what it
 * reads, so the same corpus and reader settings give the same units and keys on every attempt.
 *
 * @param key 16 hex digits of the SHA-256 of {@link #describe()}
 * @param reads the read units, in listing order
 */
public record WorkUnit(String key, List<ReadUnit> reads) implements Serializable {
  public WorkUnit {
    reads = List.copyOf(reads);
  }

  /**
   * The work units of {@code reads} (in listing order): a range of a text file alone, whole
   * entries gathered until they hold at least {@code targetBytes}.
   */
  static List<WorkUnit> group(List<ReadUnit> reads, long targetBytes) {
    List<WorkUnit> units = new ArrayList<>();
    List<ReadUnit> pending = new ArrayList<>();
    long pendingBytes = 0;
    for (ReadUnit read : reads) {
      if (!read.isWhole()) {
        flush(pending, units);
        pendingBytes = 0;
        units.add(of(List.of(read)));
        continue;
      }
      pending.add(read);
      pendingBytes += sizeOf(read.file());
      if (pendingBytes >= targetBytes) {
        flush(pending, units);
        pendingBytes = 0;
      }
    }
    flush(pending, units);
    return units;
  }

  private static void flush(List<ReadUnit> pending, List<WorkUnit> units) {
    if (!pending.isEmpty()) {
      units.add(of(pending));
      pending.clear();
    }
  }

  static WorkUnit of(List<ReadUnit> reads) {
    return new WorkUnit(TextHash.sha256(describe(reads)).substring(0, 16), reads);
  }

  /** What the unit reads, for a person and for its key: {@code a.txt[8,16) b.jsonl …}. */
  public String describe() {
    return describe(reads);
  }

  private static String describe(List<ReadUnit> reads) {
    return reads.stream().map(r -> r.file().relativePath() + (r.isWhole() ? ""
            : "[" + r.firstMark() + "," + (r.isLast() ? "end" : r.endMark()) + ")"))
        .collect(Collectors.joining(" "));
  }

  /** The relative paths of the entries it reads (a file named once). */
  public Set<String> files() {
    Set<String> files = new LinkedHashSet<>();
    reads.forEach(r -> files.add(r.file().relativePath()));
    return files;
  }

  /** How many entries it starts reading: the entries it counts as read. */
  public int firstReads() {
    return (int) reads.stream().filter(ReadUnit::isFirst).count();
  }

  private static long sizeOf(CorpusFile file) {
    if (file.isSkipped()) {
      return 0;
    }
    try {
      return Files.size(file.toPath());
    } catch (IOException e) {
      return 0; // the reader turns the problem into a reject
    }
  }
}
