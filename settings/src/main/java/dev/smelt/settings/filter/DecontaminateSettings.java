package dev.smelt.settings.filter;

import static dev.smelt.settings.Check.that;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.smelt.settings.SettingsException;
import java.io.Serializable;
import java.util.Locale;

/**
 * Decontamination ({@code data.filterSettings.decontaminate}): overlap with the run's evaluation
 * texts.
 *
 * @param ngram words per n-gram for document-length sets; sets of sentences use at most
 *     {@code EvalSet.SHORT_TEXT_NGRAM} (13: GPT-3, Brown et al. 2020, appendix C)
 * @param policy drop or tag (default drop)
 * @param falsePositiveRate per n-gram lookup, once a set is large enough for a Bloom filter
 *     ({@code NgramSet.EXACT_LIMIT}); a document of m words is wrongly flagged with about m times
 *     this chance, so 1e-6 costs about 0.1 % of 1,000-word documents
 */
public record DecontaminateSettings(int ngram, Policy policy, double falsePositiveRate)
    implements Serializable {
  private static final String KEY = "data.filterSettings.decontaminate.";
  /** Shorter n-grams match by chance (the same floor as eval.decontaminationNgram). */
  public static final int MIN_NGRAM = 4;

  /** GPT-3's 13-grams (Brown et al. 2020, appendix C), dropped; a 1e-6 Bloom false-positive rate. */
  public static final DecontaminateSettings PUBLISHED = new DecontaminateSettings(13, Policy.DROP, 1e-6);

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
      throw new SettingsException(KEY + "policy", "must be drop or tag, not '" + name + "'");
    }

    @JsonValue
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DecontaminateSettings {
    that(ngram >= MIN_NGRAM, KEY + "ngram", "must be at least " + MIN_NGRAM
        + " (shorter n-grams match by chance), got " + ngram);
    that(policy != null, KEY + "policy", "must be drop or tag");
    that(falsePositiveRate > 0 && falsePositiveRate < 0.5, KEY + "falsePositiveRate",
        "must be above 0 and below 0.5 (e.g. 1e-6), got " + falsePositiveRate);
  }
}
