package dev.smelt.pipeline.tokenize;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each pre-tokenized piece (GPT-2 regex word) occurs, in a table of at most
 * {@code maxTypes} entries. When a new piece would exceed the cap, the rarest pieces are dropped
 * until half the cap is left (the pruning of Manku and Motwani's lossy counting, 2002, without its
 * error bound: a survivor's count is exact since it was last inserted; halving makes each O(n log n)
 * prune pay for maxTypes / 2 new pieces). Ties at the cut go by the
 * piece's string, the larger dropped first, so the table depends only on the order of pieces.
 */
public final class WordCounts {
  /** No cap: the table holds every piece (the exact counts). */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  private final int maxTypes;
  private final Map<String, long[]> counts = new HashMap<>();
  private long droppedTypes;

  /** @param maxTypes the most distinct pieces held at once (at least 2) */
  public WordCounts(int maxTypes) {
    if (maxTypes < 2) {
      throw new IllegalArgumentException("key 'tokenizer.maxWordTypes' must be at least 2, got "
          + maxTypes);
    }
    this.maxTypes = maxTypes;
  }

  /** Counts one occurrence of {@code piece}. */
  public void add(String piece) {
    long[] c = counts.get(piece);
    if (c != null) {
      c[0]++;
      return;
    }
    if (counts.size() == maxTypes) {
      prune(maxTypes / 2);
    }
    counts.put(piece, new long[] {1});
  }

  /** Drops the rarest pieces until {@code keep} are left; equal counts drop the larger string first. */
  private void prune(int keep) {
    List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
    entries.sort((a, b) -> {
      int byCount = Long.compare(a.getValue()[0], b.getValue()[0]);
      return byCount != 0 ? byCount : b.getKey().compareTo(a.getKey());
    });
    int drop = entries.size() - keep;
    for (int i = 0; i < drop; i++) {
      counts.remove(entries.get(i).getKey());
    }
    droppedTypes += drop;
  }

  public int maxTypes() {
    return maxTypes;
  }

  public int size() {
    return counts.size();
  }

  /** Pieces dropped by pruning so far (0: the counts are exact). */
  public long droppedTypes() {
    return droppedTypes;
  }

  /** The counts for the trainer's merge phase. */
  Map<String, long[]> table() {
    return counts;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(maxTypes);
    out.writeLong(droppedTypes);
    out.writeInt(counts.size());
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      byte[] utf8 = e.getKey().getBytes(StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
      out.writeLong(e.getValue()[0]);
    }
  }

  static WordCounts read(DataInputStream in) throws IOException {
    WordCounts w = new WordCounts(in.readInt());
    w.droppedTypes = in.readLong();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      byte[] utf8 = new byte[in.readInt()];
      in.readFully(utf8);
      w.counts.put(new String(utf8, StandardCharsets.UTF_8), new long[] {in.readLong()});
    }
    return w;
  }
}
