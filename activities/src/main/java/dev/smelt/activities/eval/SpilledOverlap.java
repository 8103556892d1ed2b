package dev.smelt.activities.eval;

import dev.smelt.pipeline.copyright.Shingles;
import dev.smelt.workflows.stage.Contamination;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@link NgramOverlap}'s check for a set too large to index in the heap (the held-out documents,
 * as large as {@code data/val}): a hash join spilled to disk. Each item's n-gram hashes and each
 * training text's are written to one of P files by hash, P chosen so that one partition's item
 * hashes fit the memory budget; then each partition's item hashes are sorted in memory and its
 * training hashes stream past. The same words and hashes as {@link NgramOverlap}, and as exact,
 * so the count is the same; memory holds one partition, disk 8 bytes per training n-gram and 12
 * per item n-gram.
 */
public final class SpilledOverlap implements AutoCloseable {
  private static final int PAIR_BYTES = 12;
  /** Partitions are sized for twice the estimate: hashes do not fall evenly. */
  private static final int SLACK = 2;

  private final String name;
  private final int n;
  private final Path scratch;
  private final DataOutputStream[] items;
  private final DataOutputStream[] train;
  private int itemCount;

  /** The heap an index may take: a sixteenth of the heap, at most 64 MiB (as the part sorts). */
  public static long memoryBudget() {
    return Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);
  }

  private SpilledOverlap(String name, int n, Path scratch, int partitions, int bufferBytes)
      throws IOException {
    this.name = name;
    this.n = n;
    this.scratch = Files.createDirectories(scratch);
    this.items = new DataOutputStream[partitions];
    this.train = new DataOutputStream[partitions];
    for (int p = 0; p < partitions; p++) {
      items[p] = open(itemsFile(p), bufferBytes);
      train[p] = open(trainFile(p), bufferBytes);
    }
  }

  /**
   * Spills the n-grams of {@code texts} (set {@code name}), read once. {@code ngramBound}: about
   * how many n-grams they hold at most (their token count will do), to size the partitions for
   * {@code memoryBytes}; {@code scratch} is removed by {@link #close()}.
   */
  public static SpilledOverlap index(String name, Texts texts, int n, long ngramBound,
      long memoryBytes, Path scratch) throws IOException {
    int partitions = (int) Math.max(1, Math.min(4096,
        (ngramBound * Long.BYTES * SLACK + memoryBytes - 1) / memoryBytes));
    int buffer = (int) Math.max(512, Math.min(1 << 16, memoryBytes / (4L * partitions)));
    SpilledOverlap join = new SpilledOverlap(name, n, scratch, partitions, buffer);
    try {
      texts.forEach(text -> join.addItem(Shingles.hashes(Shingles.words(text), n)));
    } catch (IOException | RuntimeException e) {
      join.close();
      throw e;
    }
    return join;
  }

  /** Spills one training text's n-grams; call for every training text before {@link #result()}. */
  public void scan(String trainText) {
    try {
      for (long h : Shingles.hashes(Shingles.words(trainText), n)) {
        train[partition(h)].writeLong(h);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill n-grams to " + scratch + ": " + e.getMessage(), e);
    }
  }

  /** How many items share an n-gram with the training texts scanned, joined a partition at a time. */
  public Contamination result() throws IOException {
    for (int p = 0; p < items.length; p++) {
      items[p].close();
      train[p].close();
    }
    BitSet hit = new BitSet(itemCount);
    for (int p = 0; p < items.length; p++) {
      long[] sorted = distinctHashes(itemsFile(p));
      BitSet found = new BitSet(sorted.length);
      try (DataInputStream in = read(trainFile(p))) {
        for (long i = Files.size(trainFile(p)) / Long.BYTES; i > 0; i--) {
          int at = Arrays.binarySearch(sorted, in.readLong());
          if (at >= 0) {
            found.set(at);
          }
        }
      }
      try (DataInputStream in = read(itemsFile(p))) {
        long pairs = Files.size(itemsFile(p)) / PAIR_BYTES;
        for (long i = 0; i < pairs; i++) {
          long h = in.readLong();
          int item = in.readInt();
          if (found.get(Arrays.binarySearch(sorted, h))) {
            hit.set(item);
          }
        }
      }
    }
    return new Contamination(name, n, itemCount, hit.cardinality());
  }

  private void addItem(long[] hashes) {
    try {
      for (long h : hashes) {
        DataOutputStream out = items[partition(h)];
        out.writeLong(h);
        out.writeInt(itemCount);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill n-grams to " + scratch + ": " + e.getMessage(), e);
    }
    itemCount++;
  }

  private long[] distinctHashes(Path file) throws IOException {
    long[] hashes = new long[Math.toIntExact(Files.size(file) / PAIR_BYTES)];
    try (DataInputStream in = read(file)) {
      for (int i = 0; i < hashes.length; i++) {
        hashes[i] = in.readLong();
        in.readInt();
      }
    }
    Arrays.sort(hashes);
    int distinct = 0;
    for (int i = 0; i < hashes.length; i++) {
      if (i == 0 || hashes[i] != hashes[i - 1]) {
        hashes[distinct++] = hashes[i];
      }
    }
    return Arrays.copyOf(hashes, distinct);
  }

  private int partition(long hash) {
    return (int) Math.floorMod(hash ^ (hash >>> 32), (long) items.length);
  }

  private Path itemsFile(int p) {
    return scratch.resolve("items-" + p + ".bin");
  }

  private Path trainFile(int p) {
    return scratch.resolve("train-" + p + ".bin");
  }

  private static DataOutputStream open(Path file, int buffer) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), buffer));
  }

  private static DataInputStream read(Path file) throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
  }

  /** Closes the spill files and removes the scratch folder. */
  @Override
  public void close() throws IOException {
    for (int p = 0; p < items.length; p++) {
      if (items[p] != null) {
        items[p].close();
      }
      if (train[p] != null) {
        train[p].close();
      }
    }
    try (Stream<Path> files = Files.walk(scratch)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
