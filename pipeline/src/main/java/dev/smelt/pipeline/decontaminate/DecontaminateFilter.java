package dev.smelt.pipeline.decontaminate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.smelt.pipeline.copyright.Shingles;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decontamination: a document sharing a word n-gram with any evaluation text of the run is
 * dropped (or tagged) as {@link RejectReason#CONTAMINATED}. Words are {@link Shingles#words}, the
 * same normalisation as the evaluation's overlap check, so what this stage lets through that check
 * cannot flag. The n-gram sets are built once, when the filter is made, and travel with it.
 */
public final class DecontaminateFilter implements DocFilter {
  public static final String STAGE = "decontaminate";
  private static final String KEY = "key 'data.filterSettings.decontaminate.";
  /** Shorter n-grams match by chance (the same floor as eval.decontaminationNgram). */
  private static final int MIN_NGRAM = 4;

  /** What happens to a contaminated document. */
  public enum Policy {
    DROP, TAG;

    @JsonCreator
    public static Policy of(String name) {
      for (Policy p : values()) {
        if (p.toString().equals(name)) {
          return p;
        }
      }
      throw new IllegalArgumentException(KEY + "policy' must be drop or tag, not '" + name + "'");
    }

    @JsonValue
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param ngram words per n-gram for document-length sets; sets of sentences use at most
   *     {@link EvalSet#SHORT_TEXT_NGRAM} (13: GPT-3, Brown et al. 2020, appendix C)
   * @param policy drop or tag (default drop)
   * @param falsePositiveRate per n-gram lookup, once a set is large enough for a Bloom filter
   *     ({@link NgramSet#EXACT_LIMIT}); a document of m words is wrongly flagged with about m times
   *     this chance, so 1e-6 costs about 0.1 % of 1,000-word documents
   */
  public record Settings(int ngram, Policy policy, double falsePositiveRate) implements Serializable {
    public static final Settings DEFAULTS = new Settings(13, Policy.DROP, 1e-6);

    public Settings {
      if (ngram < MIN_NGRAM) {
        throw new IllegalArgumentException(KEY + "ngram' must be at least " + MIN_NGRAM
            + " (shorter n-grams match by chance), got " + ngram);
      }
      if (policy == null) {
        throw new IllegalArgumentException(KEY + "policy' must be drop or tag");
      }
      if (!(falsePositiveRate > 0 && falsePositiveRate < 0.5)) {
        throw new IllegalArgumentException(KEY + "falsePositiveRate' must be above 0 and below 0.5"
            + " (e.g. 1e-6), got " + falsePositiveRate);
      }
    }
  }

  /** One evaluation set's n-grams. */
  private record Index(String name, int n, NgramSet ngrams) implements Serializable {}

  private final Settings settings;
  private final List<Index> indexes;

  private DecontaminateFilter(Settings settings, List<Index> indexes) {
    this.settings = settings;
    this.indexes = indexes;
  }

  /** The filter for the n-grams of {@code sets}; a text shorter than its set's n adds none. */
  public static DecontaminateFilter of(Settings s, List<EvalSet> sets) {
    List<Index> indexes = new ArrayList<>();
    for (EvalSet set : sets) {
      int n = set.n(s.ngram());
      indexes.add(new Index(set.name(), n, NgramSet.of(set.texts(), n, s.falsePositiveRate())));
    }
    return new DecontaminateFilter(s, List.copyOf(indexes));
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public Decision decide(Doc doc) {
    return decide(doc, indexes);
  }

  /**
   * As {@link #decide}, and also against {@code documents}: the n-grams (at the full
   * {@link Settings#ngram}) of a set of whole documents, such as the run's held-out ones.
   */
  public Decision decideAlsoAgainst(Doc doc, String setName, NgramSet documents) {
    List<Index> all = new ArrayList<>(indexes);
    all.add(new Index(setName, settings.ngram(), documents));
    return decide(doc, all);
  }

  private Decision decide(Doc doc, List<Index> indexes) {
    if (indexes.stream().allMatch(index -> index.ngrams().size() == 0)) {
      return Decision.keep(); // nothing to share an n-gram with: no words to split (docs/throughput.md)
    }
    List<String> words = Shingles.words(doc.text());
    Map<Integer, long[]> hashesByN = new HashMap<>();
    for (Index index : indexes) {
      long[] hashes = hashesByN.computeIfAbsent(index.n(), n -> Shingles.hashes(words, n));
      for (int i = 0; i < hashes.length; i++) {
        if (index.ngrams().contains(hashes[i])) {
          String detail = "shares the " + index.n() + "-gram '"
              + String.join(" ", words.subList(i, i + index.n())) + "' with " + index.name();
          return settings.policy() == Policy.DROP
              ? Decision.reject(RejectReason.CONTAMINATED, detail)
              : Decision.tag(Map.of(RejectReason.CONTAMINATED, detail));
        }
      }
    }
    return Decision.keep();
  }
}
