package dev.smelt.pipeline.decontaminate;

import dev.smelt.pipeline.copyright.Shingles;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.DecontaminateSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decontamination: a document sharing a word n-gram with any evaluation text of the run is
 * dropped (or tagged) as {@link RejectReason#CONTAMINATED}. Words are {@link Shingles#words}, the
 * same normalisation as the evaluation's overlap check, so what this stage lets through that check
 * cannot flag. The n-gram sets are built once, when the filter is made, and travel with it.
 */
public final class DecontaminateFilter implements DocFilter {
  public static final String STAGE = "decontaminate";

  /** One evaluation set's n-grams. */
  private record Index(String name, int n, NgramSet ngrams) implements Serializable {}

  private final DecontaminateSettings settings;
  private final List<Index> indexes;

  private DecontaminateFilter(DecontaminateSettings settings, List<Index> indexes) {
    this.settings = settings;
    this.indexes = indexes;
  }

  /** The filter for the n-grams of {@code sets}; a text shorter than its set's n adds none. */
  public static DecontaminateFilter of(DecontaminateSettings s, List<EvalSet> sets) {
    List<Index> indexes = new ArrayList<>();
    for (EvalSet set : sets) {
      int n = set.n(s.ngram());
      indexes.add(new Index(set.name(), n, NgramSet.of(set.texts(), n, s.falsePositiveRate())));
    }
    return new DecontaminateFilter(s, List.copyOf(indexes));
  }

  public DecontaminateSettings settings() {
    return settings;
  }

  @Override
  public Decision decide(Doc doc) {
    return decide(doc, indexes);
  }

  /**
   * As {@link #decide}, and also against {@code documents}: the n-grams (at the full
   * {@link DecontaminateSettings#ngram}) of a set of whole documents, such as the run's held-out ones.
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
          return settings.policy() == DecontaminateSettings.Policy.DROP
              ? Decision.reject(RejectReason.CONTAMINATED, detail)
              : Decision.tag(Map.of(RejectReason.CONTAMINATED, detail));
        }
      }
    }
    return Decision.keep();
  }
}
