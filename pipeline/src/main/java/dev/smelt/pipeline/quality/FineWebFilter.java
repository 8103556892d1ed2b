package dev.smelt.pipeline.quality;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.FineWebSettings;
import java.util.List;
import java.util.Locale;

/**
 * FineWeb's own rules (Penedo et al. 2024, "The FineWeb Datasets"; DataTrove's
 * {@code FineWebQualityFilter}): share of lines ending in punctuation, share of short lines, share
 * of characters in duplicated lines, and newlines per word (list-like documents).
 *
 * <p>Defaults from the FineWeb paper/blog: punctuated lines ≥ 0.12, short (≤ 30 chars) lines
 * &lt; 0.67, duplicated-line characters &lt; 0.1, newlines per word ≤ 0.3. From memory: DataTrove's
 * code may default the duplicated-line share to 0.01 — the blog's 0.1 is used here.
 */
public final class FineWebFilter implements DocFilter {
  /** Sentence-final marks (a subset of DataTrove's TERMINAL_PUNCTUATION). */
  private static final String TERMINAL = ".!?\u2026\u3002\uff01\uff1f\u061f\u0964";

  private final FineWebSettings t;

  public FineWebFilter(FineWebSettings thresholds) {
    this.t = thresholds;
  }

  @Override
  public Decision decide(Doc doc) {
    String text = doc.text();
    List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) {
      return Decision.reject(RejectReason.FINEWEB_LINE_PUNCT, "no non-empty lines");
    }
    double punct = GopherQualityFilter.fraction(lines, l -> TERMINAL.indexOf(l.charAt(l.length() - 1)) >= 0);
    if (punct < t.minLinePunctRatio()) {
      return reject(RejectReason.FINEWEB_LINE_PUNCT, "lines ending in punctuation", punct, "<", t.minLinePunctRatio());
    }
    double shortLines = GopherQualityFilter.fraction(lines, l -> l.length() <= t.shortLineChars());
    if (shortLines >= t.maxShortLineRatio()) {
      return reject(RejectReason.FINEWEB_SHORT_LINES, "short lines", shortLines, ">=", t.maxShortLineRatio());
    }
    double chars = Math.max(1, text.replace("\n", "").length());
    double dup = TextUnits.duplicates(lines).chars() / chars;
    if (dup >= t.maxDupLineCharRatio()) {
      return reject(RejectReason.FINEWEB_DUP_LINE_CHARS, "characters in duplicated lines", dup, ">=", t.maxDupLineCharRatio());
    }
    int words = Math.max(1, TextUnits.words(text).size());
    double newlines = GopherQualityFilter.count(text, "\n") / (double) words;
    if (newlines > t.maxNewlinesPerWord()) {
      return reject(RejectReason.FINEWEB_LIST_LIKE, "newlines per word", newlines, ">", t.maxNewlinesPerWord());
    }
    return Decision.keep();
  }

  private static Decision reject(RejectReason reason, String what, double v, String op, double limit) {
    return Decision.reject(reason, String.format(Locale.ROOT, "%s %.3f %s %s", what, v, op, limit));
  }
}
