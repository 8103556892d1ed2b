package dev.smelt.activities.eval;

import dev.smelt.pipeline.copyright.Shingles;
import dev.smelt.pipeline.decontaminate.EvalSet;
import dev.smelt.workflows.stage.Contamination;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Decontamination check: word n-grams ({@link Shingles}, the same words and hashes as the data
 * stage's decontaminate filter) as sorted 64-bit hashes; an evaluation text is contaminated when
 * any of its n-grams occurs in the training text. Exact: unlike the filter's Bloom filter it has no
 * false positives, so a count above 0 is a real overlap.
 */
public final class NgramOverlap {
  private final int n;
  private final long[] sorted;

  private NgramOverlap(int n, long[] sorted) {
    this.n = n;
    this.sorted = sorted;
  }

  /** The distinct n-grams of {@code texts}. */
  public static NgramOverlap index(List<String> texts, int n) {
    long[] all = new long[1024];
    int size = 0;
    for (String t : texts) {
      for (long h : hashes(t, n)) {
        if (size == all.length) {
          all = Arrays.copyOf(all, size * 2);
        }
        all[size++] = h;
      }
    }
    long[] s = Arrays.copyOf(all, size);
    Arrays.sort(s);
    return new NgramOverlap(n, Arrays.copyOf(s, unique(s)));
  }

  /** The training texts, handed over one at a time (all of a run's train shards fit no heap). */
  @FunctionalInterface
  public interface TrainTexts {
    void forEach(Consumer<String> each) throws IOException;
  }

  /**
   * How many items of each set share an n-gram with the training texts; a set is matched on
   * {@link EvalSet#n}({@code ngram}). The evaluation sets' n-grams are indexed (sorted hashes, a
   * seen flag each) and the training texts streamed past them once, so memory follows the
   * evaluation sets, not the corpus; the counts are those of indexing the corpus instead.
   */
  public static List<Contamination> check(TrainTexts train, int ngram, List<EvalSet> sets)
      throws IOException {
    Map<Integer, NgramOverlap> byN = new TreeMap<>();
    for (EvalSet set : sets) {
      byN.computeIfAbsent(set.n(ngram), k -> index(setsOfN(sets, ngram, k), k));
    }
    Map<Integer, boolean[]> seen = new TreeMap<>();
    byN.forEach((k, index) -> seen.put(k, new boolean[index.sorted.length]));
    train.forEach(text -> {
      List<String> words = Shingles.words(text);
      byN.forEach((k, index) -> index.mark(Shingles.hashes(words, k), seen.get(k)));
    });
    List<Contamination> out = new ArrayList<>();
    for (EvalSet set : sets) {
      NgramOverlap index = byN.get(set.n(ngram));
      boolean[] hit = seen.get(index.n);
      int contaminated = (int) set.texts().stream()
          .filter(t -> index.anyMarked(hashes(t, index.n), hit)).count();
      out.add(new Contamination(set.name(), index.n(), set.texts().size(), contaminated));
    }
    return out;
  }

  /** As {@link #check(TrainTexts, int, List)} over texts in memory. */
  public static List<Contamination> check(List<String> trainTexts, int ngram, List<EvalSet> sets) {
    try {
      return check(trainTexts::forEach, ngram, sets);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a list reads no files
    }
  }

  private static List<String> setsOfN(List<EvalSet> sets, int ngram, int n) {
    List<String> texts = new ArrayList<>();
    sets.stream().filter(s -> s.n(ngram) == n).forEach(s -> texts.addAll(s.texts()));
    return texts;
  }

  /** Flags in {@code seen} the indexed n-grams among {@code hashes}. */
  private void mark(long[] hashes, boolean[] seen) {
    for (long h : hashes) {
      int at = Arrays.binarySearch(sorted, h);
      if (at >= 0) {
        seen[at] = true;
      }
    }
  }

  private boolean anyMarked(long[] hashes, boolean[] seen) {
    for (long h : hashes) {
      int at = Arrays.binarySearch(sorted, h);
      if (at >= 0 && seen[at]) {
        return true;
      }
    }
    return false;
  }

  /** Moves the distinct values of sorted {@code s} to its front; returns how many there are. */
  private static int unique(long[] s) {
    int n = 0;
    for (int i = 0; i < s.length; i++) {
      if (n == 0 || s[i] != s[n - 1]) {
        s[n++] = s[i];
      }
    }
    return n;
  }

  public int n() {
    return n;
  }

  public boolean contaminated(String text) {
    for (long h : hashes(text, n)) {
      if (Arrays.binarySearch(sorted, h) >= 0) {
        return true;
      }
    }
    return false;
  }

  public int countContaminated(List<String> texts) {
    return (int) texts.stream().filter(this::contaminated).count();
  }

  private static long[] hashes(String text, int n) {
    return Shingles.hashes(Shingles.words(text), n);
  }
}
