package dev.smelt.pipeline.decontaminate;

import java.util.List;
import java.util.Objects;

/**
 * One evaluation set of a run (the fine-tuning test split, the out-of-domain texts, the bias
 * probes), as the decontaminate stage and the evaluation's overlap check both see it.
 *
 * @param name how stats and the report name it, e.g. "sentiment_test"
 * @param shortTexts true for sets of sentences, which are matched on shorter n-grams ({@link #n})
 * @param texts the texts a model is scored on
 */
public record EvalSet(String name, boolean shortTexts, List<String> texts) {
  /**
   * Short texts (a review sentence, a probe) get shorter n-grams: GPT-3's decontamination (Brown
   * et al. 2020, appendix C) let n fall with the benchmark's text length but never below 8.
   */
  public static final int SHORT_TEXT_NGRAM = 8;

  public EvalSet {
    Objects.requireNonNull(name, "name");
    texts = List.copyOf(texts);
  }

  /** The n-gram length this set is matched on when documents are matched on {@code ngram}. */
  public int n(int ngram) {
    return shortTexts ? Math.min(ngram, SHORT_TEXT_NGRAM) : ngram;
  }
}
