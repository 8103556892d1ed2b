package dev.smelt.pipeline.data;

import dev.smelt.pipeline.copyright.CopyrightFilter;
import dev.smelt.pipeline.decontaminate.DecontaminateFilter;
import dev.smelt.pipeline.decontaminate.EvalSet;
import dev.smelt.pipeline.dedup.ExactDedup;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.LengthFilter;
import dev.smelt.pipeline.language.LanguageFilter;
import dev.smelt.pipeline.pii.PiiRedactor;
import dev.smelt.pipeline.quality.C4Filter;
import dev.smelt.pipeline.quality.FineWebFilter;
import dev.smelt.pipeline.quality.GopherQualityFilter;
import dev.smelt.pipeline.quality.GopherRepetitionFilter;
import dev.smelt.pipeline.toxicity.ToxicityFilter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The filters a run config may name in {@code data.filters}, and how each is built. */
public final class FilterChain {
  /** Every stage name, in the order of the default chain where they are in it. */
  public static final List<String> NAMES = List.of("length", "language", "gopher_quality",
      "gopher_repetition", "c4", "fineweb", "pii", "toxicity", "copyright", ExactDedup.STAGE,
      DecontaminateFilter.STAGE);
  /** The demo's chain: keeps nearly every chapter of a novel. */
  public static final List<String> DEFAULT = List.of("length", "language", "gopher_repetition",
      "pii", "toxicity", "copyright", ExactDedup.STAGE, DecontaminateFilter.STAGE);

  private FilterChain() {}

  /** @throws IllegalArgumentException for an empty chain, an unknown or repeated name */
  public static List<String> check(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw new IllegalArgumentException("no filters named: list at least one of " + String.join(", ", NAMES));
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "unknown filter '" + name + "'; known: " + String.join(", ", NAMES));
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("filter '" + name + "' is named twice");
      }
    }
    return List.copyOf(names);
  }

  /** The filter for {@code name}; null for dedup, which is a grouping transform, not a DocFilter. */
  static DocFilter create(String name, FilterSettings s, int minChars, int maxChars,
      List<EvalSet> evalSets) {
    return switch (name) {
      case "length" -> new LengthFilter(minChars, maxChars);
      case "language" -> new LanguageFilter(s.language());
      case "gopher_quality" -> new GopherQualityFilter(s.gopherQuality());
      case "gopher_repetition" -> new GopherRepetitionFilter(s.gopherRepetition());
      case "c4" -> new C4Filter(s.c4());
      case "fineweb" -> new FineWebFilter(s.fineweb());
      case "pii" -> new PiiRedactor(s.pii());
      case "toxicity" -> new ToxicityFilter(s.toxicity());
      case "copyright" -> new CopyrightFilter(s.copyright());
      case ExactDedup.STAGE -> null;
      case DecontaminateFilter.STAGE -> DecontaminateFilter.of(s.decontaminate(), evalSets);
      default -> throw new IllegalArgumentException("unknown filter '" + name + "'");
    };
  }
}
