package dev.smelt.pipeline.quality;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.GopherRepetitionSettings;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The Gopher repetition rules (Rae et al. 2021, table A1), with the defaults of DataTrove's
 * {@code GopherRepetitionFilter}: duplicated lines and paragraphs (as fractions of elements and of
 * characters), the most frequent 2/3/4-gram's share of characters, and the share of characters in
 * duplicated 5..10-grams. Character fractions are of the whole text's length, as in DataTrove.
 */
public final class GopherRepetitionFilter implements DocFilter {

  private final GopherRepetitionSettings t;

  public GopherRepetitionFilter(GopherRepetitionSettings thresholds) {
    this.t = thresholds;
  }

  @Override
  public Decision decide(Doc doc) {
    String text = doc.text();
    double chars = Math.max(1, text.length());
    List<String> paragraphs = TextUnits.paragraphs(text);
    TextUnits.Duplicates dupParas = TextUnits.duplicates(paragraphs);
    if (!paragraphs.isEmpty()
        && dupParas.elements() / (double) paragraphs.size() > t.maxDupParagraphFraction()) {
      return reject(RejectReason.GOPHER_DUP_PARAGRAPHS, "duplicated paragraphs",
          dupParas.elements() / (double) paragraphs.size(), t.maxDupParagraphFraction());
    }
    if (dupParas.chars() / chars > t.maxDupParagraphCharFraction()) {
      return reject(RejectReason.GOPHER_DUP_PARAGRAPH_CHARS, "characters in duplicated paragraphs",
          dupParas.chars() / chars, t.maxDupParagraphCharFraction());
    }
    List<String> lines = TextUnits.lines(text);
    TextUnits.Duplicates dupLines = TextUnits.duplicates(lines);
    if (!lines.isEmpty() && dupLines.elements() / (double) lines.size() > t.maxDupLineFraction()) {
      return reject(RejectReason.GOPHER_DUP_LINES, "duplicated lines",
          dupLines.elements() / (double) lines.size(), t.maxDupLineFraction());
    }
    if (dupLines.chars() / chars > t.maxDupLineCharFraction()) {
      return reject(RejectReason.GOPHER_DUP_LINE_CHARS, "characters in duplicated lines",
          dupLines.chars() / chars, t.maxDupLineCharFraction());
    }
    List<String> words = TextUnits.words(text.toLowerCase(Locale.ROOT));
    long[] wordHashes = wordHashes(words);
    for (int n = 2; n <= 4; n++) {
      double frac = topNgramChars(words, wordHashes, n) / chars;
      double max = t.maxTopNgramCharFraction().get(n - 2);
      if (frac > max) {
        return reject(RejectReason.GOPHER_TOP_NGRAM, "characters in the top " + n + "-gram", frac, max);
      }
    }
    for (int n = 5; n <= 10; n++) {
      double frac = duplicatedNgramChars(words, wordHashes, n) / chars;
      double max = t.maxDupNgramCharFraction().get(n - 5);
      if (frac > max) {
        return reject(RejectReason.GOPHER_DUP_NGRAM, "characters in duplicated " + n + "-grams", frac, max);
      }
    }
    return Decision.keep();
  }

  private static Decision reject(RejectReason reason, String what, double value, double max) {
    return Decision.reject(reason, String.format(Locale.ROOT, "%s %.3f > %s", what, value, max));
  }

  /** Characters (words' letters, no spaces) of the most frequent n-gram × its count; 0 if none repeats. */
  static long topNgramChars(List<String> words, int n) {
    return topNgramChars(words, wordHashes(words), n);
  }

  private static long topNgramChars(List<String> words, long[] wordHashes, int n) {
    long[] hashes = ngramHashes(wordHashes, n);
    Long2IntOpenHashMap counts = new Long2IntOpenHashMap(hashes.length);
    int top = -1;
    int topCount = 1;
    for (int i = 0; i < hashes.length; i++) {
      int c = counts.addTo(hashes[i], 1) + 1;
      if (c > topCount) {
        top = i;
        topCount = c;
      }
    }
    return top < 0 ? 0 : (long) chars(words, top, n) * topCount;
  }

  /**
   * Characters of n-grams that repeat an earlier one, scanning left to right and jumping past a
   * repeat so overlapping repeats count once (DataTrove's {@code find_all_duplicate}).
   */
  static long duplicatedNgramChars(List<String> words, int n) {
    return duplicatedNgramChars(words, wordHashes(words), n);
  }

  private static long duplicatedNgramChars(List<String> words, long[] wordHashes, int n) {
    long[] hashes = ngramHashes(wordHashes, n);
    LongOpenHashSet seen = new LongOpenHashSet(hashes.length);
    long repeated = 0;
    int i = 0;
    while (i < hashes.length) {
      if (seen.contains(hashes[i])) {
        repeated += chars(words, i, n);
        i += n;
      } else {
        seen.add(hashes[i]);
        i++;
      }
    }
    return repeated;
  }

  private static int chars(List<String> words, int from, int n) {
    int c = 0;
    for (int j = from; j < from + n; j++) {
      c += words.get(j).length();
    }
    return c;
  }

  /** Each word's 64-bit hash, computed once for all nine n-gram sizes. */
  private static long[] wordHashes(List<String> words) {
    long[] wordHashes = new long[words.size()];
    for (int i = 0; i < wordHashes.length; i++) {
      wordHashes[i] = mix(words.get(i).hashCode() * 0x9E3779B97F4A7C15L + words.get(i).length());
    }
    return wordHashes;
  }

  /**
   * 64-bit hashes of every n-gram: cheaper than joining strings, collisions negligible; counted in
   * primitive-long sets (boxed {@code Long} sets were a tenth of the data stage, docs/throughput.md).
   */
  private static long[] ngramHashes(long[] wordHashes, int n) {
    int count = Math.max(0, wordHashes.length - n + 1);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      long h = n;
      for (int j = i; j < i + n; j++) {
        h = mix(h * 31 + wordHashes[j]);
      }
      out[i] = h;
    }
    return out;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
