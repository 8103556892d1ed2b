package dev.smelt.pipeline.parts;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Sorts (key, value) byte pairs in bounded memory: pairs are buffered up to a byte budget, each
 * full buffer is sorted and spilled to a temporary run file, and {@link #sorted()} merges the runs
 * (one open file per run). The order is total — key bytes, then value bytes, both unsigned — so
 * equal keys still come out the same way every time.
 */
final class SpillingSorter implements AutoCloseable {
  /** One pair; the arrays are owned by the sorter once added. */
  record Entry(byte[] key, byte[] value) {}

  static final Comparator<Entry> ORDER = (a, b) -> {
    int byKey = Arrays.compareUnsigned(a.key(), b.key());
    return byKey != 0 ? byKey : Arrays.compareUnsigned(a.value(), b.value());
  };
  /** Per-entry bookkeeping beyond its bytes (object headers, array headers, the list slot). */
  private static final int ENTRY_OVERHEAD = 64;

  private final long memoryBytes;
  private final Path scratch;
  private final List<Entry> buffer = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private final List<DataInputStream> open = new ArrayList<>();
  private long buffered;

  /** @param scratch folder for run files, deleted by {@link #close()} */
  SpillingSorter(long memoryBytes, Path scratch) {
    this.memoryBytes = memoryBytes;
    this.scratch = scratch;
  }

  void add(byte[] key, byte[] value) {
    buffer.add(new Entry(key, value));
    buffered += key.length + value.length + ENTRY_OVERHEAD;
    if (buffered >= memoryBytes) {
      spill();
    }
  }

  /** How many run files were spilled so far. */
  int spilledRuns() {
    return runs.size();
  }

  /** Every entry added, in {@link #ORDER}; call once, after the last {@link #add}. */
  Iterator<Entry> sorted() {
    buffer.sort(ORDER);
    if (runs.isEmpty()) {
      return buffer.iterator();
    }
    PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::entry, ORDER));
    try {
      for (Path run : runs) {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
        open.add(in);
        Iterator<Entry> entries = new RunReader(in);
        if (entries.hasNext()) {
          heads.add(new Head(entries.next(), entries));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a sort run in " + scratch + ": " + e.getMessage(), e);
    }
    Iterator<Entry> memory = buffer.iterator();
    if (memory.hasNext()) {
      heads.add(new Head(memory.next(), memory));
    }
    return new Merge(heads);
  }

  private void spill() {
    buffer.sort(ORDER);
    try {
      Files.createDirectories(scratch);
      Path run = Files.createTempFile(scratch, "run-", ".bin");
      runs.add(run);
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
        for (Entry e : buffer) {
          out.writeInt(e.key().length);
          out.write(e.key());
          out.writeInt(e.value().length);
          out.write(e.value());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill a sort run to " + scratch + ": " + e.getMessage(), e);
    }
    buffer.clear();
    buffered = 0;
  }

  @Override
  public void close() throws IOException {
    for (DataInputStream in : open) {
      in.close();
    }
    for (Path run : runs) {
      Files.deleteIfExists(run);
    }
    Files.deleteIfExists(scratch); // only if empty: the folder may be shared with other sorts
  }

  /** The next entry of one source, and the rest of it. */
  private record Head(Entry entry, Iterator<Entry> rest) {}

  private static final class Merge implements Iterator<Entry> {
    private final PriorityQueue<Head> heads;

    Merge(PriorityQueue<Head> heads) {
      this.heads = heads;
    }

    @Override
    public boolean hasNext() {
      return !heads.isEmpty();
    }

    @Override
    public Entry next() {
      Head head = heads.poll();
      if (head == null) {
        throw new NoSuchElementException();
      }
      if (head.rest().hasNext()) {
        heads.add(new Head(head.rest().next(), head.rest()));
      }
      return head.entry();
    }
  }

  /** The entries of one spilled run, read as the merge needs them. */
  private static final class RunReader implements Iterator<Entry> {
    private final DataInputStream in;
    private Entry next;

    RunReader(DataInputStream in) {
      this.in = in;
      this.next = read();
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Entry next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      Entry e = next;
      next = read();
      return e;
    }

    private Entry read() {
      try {
        int keyLength;
        try {
          keyLength = in.readInt();
        } catch (EOFException end) {
          return null;
        }
        byte[] key = in.readNBytes(keyLength);
        byte[] value = in.readNBytes(in.readInt());
        return new Entry(key, value);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read a sort run: " + e.getMessage(), e);
      }
    }
  }
}
