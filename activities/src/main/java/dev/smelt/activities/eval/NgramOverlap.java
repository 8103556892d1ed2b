package dev.smelt.activities.eval;

import dev.smelt.pipeline.copyright.Shingles;
import dev.smelt.pipeline.decontaminate.EvalSet;
import dev.smelt.pipeline.decontaminate.NgramSet;
import dev.smelt.workflows.stage.Contamination;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decontamination check: which items of an evaluation set share a word n-gram with the training
 * text ({@link Shingles}, the same words and hashes as the data stage's decontaminate filter). The
 * items are indexed (sorted 64-bit hashes, each with its item) and the training texts stream past
 * once, so memory grows with the evaluation sets, never with the corpus. Exact: unlike the
 * filter's Bloom filter it has no false positives, so a count above 0 is a real overlap.
 */
public final class NgramOverlap {
  private final int n;
  private final int items;
  private final long[] sorted;
  private final int[] itemOf;
  private final BitSet hit = new BitSet();

  private NgramOverlap(int n, int items, long[] sorted, int[] itemOf) {
    this.n = n;
    this.items = items;
    this.sorted = sorted;
    this.itemOf = itemOf;
  }

  /** An index of {@code texts}, matched on {@code n}-grams; none contaminated yet. */
  public static NgramOverlap of(List<String> texts, int n) {
    List<long[]> hashes = texts.stream().map(t -> NgramSet.hashes(t, n)).toList();
    long[][] pairs = new long[hashes.stream().mapToInt(h -> h.length).sum()][];
    int at = 0;
    for (int item = 0; item < hashes.size(); item++) {
      for (long h : hashes.get(item)) {
        pairs[at++] = new long[] {h, item};
      }
    }
    Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    long[] sorted = new long[pairs.length];
    int[] itemOf = new int[pairs.length];
    for (int i = 0; i < pairs.length; i++) {
      sorted[i] = pairs[i][0];
      itemOf[i] = (int) pairs[i][1];
    }
    return new NgramOverlap(n, texts.size(), sorted, itemOf);
  }

  /**
   * How many items of each set share an n-gram with the training texts (handed over one at a
   * time: all of a run's train shards fit no heap), read once; a set is
   * matched on {@link EvalSet#n}({@code ngram}), and each text is hashed once per n-gram length.
   */
  public static List<Contamination> check(Texts train, int ngram, List<EvalSet> sets)
      throws IOException {
    List<NgramOverlap> indexes = new ArrayList<>();
    sets.forEach(set -> indexes.add(of(set.texts(), set.n(ngram))));
    train.forEach(text -> {
      List<String> words = Shingles.words(text);
      Map<Integer, long[]> byN = new HashMap<>();
      indexes.forEach(index -> index.scan(byN.computeIfAbsent(index.n, k -> Shingles.hashes(words, k))));
    });
    List<Contamination> out = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      NgramOverlap index = indexes.get(i);
      out.add(new Contamination(sets.get(i).name(), index.n, index.items, index.contaminated()));
    }
    return out;
  }

  /** As {@link #check(Texts, int, List)} over texts in memory. */
  public static List<Contamination> check(Iterable<String> trainTexts, int ngram, List<EvalSet> sets) {
    try {
      return check(trainTexts::forEach, ngram, sets);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // an Iterable reads no files
    }
  }

  /** Marks every item sharing an n-gram with one training text. */
  public void scan(String trainText) {
    scan(NgramSet.hashes(trainText, n));
  }

  private void scan(long[] trainHashes) {
    for (long h : trainHashes) {
      int at = Arrays.binarySearch(sorted, h);
      if (at < 0) {
        continue;
      }
      while (at > 0 && sorted[at - 1] == h) {
        at--;
      }
      for (; at < sorted.length && sorted[at] == h; at++) {
        hit.set(itemOf[at]);
      }
    }
  }

  public int n() {
    return n;
  }

  /** Whether item {@code i} shares an n-gram with a training text scanned so far. */
  public boolean contaminated(int item) {
    return hit.get(item);
  }

  /** Items sharing an n-gram with the training texts scanned so far. */
  public int contaminated() {
    return hit.cardinality();
  }
}
