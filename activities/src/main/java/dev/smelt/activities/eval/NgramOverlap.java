package dev.smelt.activities.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decontamination check: the word n-grams (lower-cased words) of the training text, as sorted
 * 64-bit hashes; an evaluation text is contaminated when any of its n-grams is among them.
 */
public final class NgramOverlap {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

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

  static long[] hashes(String text, int n) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
    long[] out = new long[Math.max(0, words.size() - n + 1)];
    long[] wordHash = words.stream().mapToLong(NgramOverlap::fnv).toArray();
    for (int i = 0; i < out.length; i++) {
      long h = 0x9E3779B97F4A7C15L;
      for (int j = 0; j < n; j++) {
        h = (h ^ wordHash[i + j]) * 0x100000001B3L + j;
      }
      out[i] = h;
    }
    return out;
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }
}
