package dev.smelt.activities.eval;

import dev.smelt.pipeline.copyright.Shingles;
import dev.smelt.pipeline.decontaminate.EvalSet;
import dev.smelt.workflows.stage.Contamination;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decontamination check: the word n-grams of the training text ({@link Shingles}, the same words
 * and hashes as the data stage's decontaminate filter), as sorted 64-bit hashes; an evaluation
 * text is contaminated when any of its n-grams is among them. Exact: unlike the filter's Bloom
 * filter it has no false positives, so a count above 0 is a real overlap.
 */
public final class NgramOverlap {
  private final int n;
  private final long[] sorted;

  private NgramOverlap(int n, long[] sorted) {
    this.n = n;
    this.sorted = sorted;
  }

  public static NgramOverlap index(List<String> trainTexts, int n) {
    long[] all = new long[1024];
    int size = 0;
    for (String t : trainTexts) {
      for (long h : hashes(t, n)) {
        if (size == all.length) {
          all = Arrays.copyOf(all, size * 2);
        }
        all[size++] = h;
      }
    }
    long[] s = Arrays.copyOf(all, size);
    Arrays.sort(s);
    return new NgramOverlap(n, s);
  }

  /**
   * How many items of each set share an n-gram with {@code trainTexts}; a set is matched on
   * {@link EvalSet#n}({@code ngram}), and the training text is indexed once per n-gram length.
   */
  public static List<Contamination> check(List<String> trainTexts, int ngram, List<EvalSet> sets) {
    Map<Integer, NgramOverlap> byN = new TreeMap<>();
    List<Contamination> out = new ArrayList<>();
    for (EvalSet set : sets) {
      NgramOverlap index = byN.computeIfAbsent(set.n(ngram), k -> index(trainTexts, k));
      out.add(new Contamination(set.name(), index.n(), set.texts().size(),
          index.countContaminated(set.texts())));
    }
    return out;
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
