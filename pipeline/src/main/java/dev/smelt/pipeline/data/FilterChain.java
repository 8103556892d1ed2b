package dev.smelt.pipeline.data;

import dev.smelt.pipeline.copyright.CopyrightFilter;
import dev.smelt.pipeline.decontaminate.Decontaminate;
import dev.smelt.pipeline.decontaminate.DecontaminateFilter;
import dev.smelt.pipeline.dedup.ExactDedup;
import dev.smelt.pipeline.dedup.minhash.FuzzyDedup;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.ApplyFilter;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.LengthFilter;
import dev.smelt.pipeline.filter.StageOutput;
import dev.smelt.pipeline.language.LanguageFilter;
import dev.smelt.pipeline.language.LanguageStage;
import dev.smelt.pipeline.pii.PiiRedactor;
import dev.smelt.pipeline.quality.C4Filter;
import dev.smelt.pipeline.quality.FineWebFilter;
import dev.smelt.pipeline.quality.GopherQualityFilter;
import dev.smelt.pipeline.quality.GopherRepetitionFilter;
import dev.smelt.pipeline.tokenize.SplitByHash;
import dev.smelt.pipeline.toxicity.ToxicityFilter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * The registry of the data chain: every stage a run config may name in {@code data.filters}, each
 * a factory from the spec to a transform from documents to a {@link StageOutput}. A per-document
 * filter and a grouping stage (exact dedup, MinHash dedup, decontamination) are entries alike.
 */
public final class FilterChain {
  /** One stage of the chain, built from the run's spec (settings, length bounds, data folder). */
  @FunctionalInterface
  public interface StageFactory {
    PTransform<PCollection<Doc>, StageOutput> create(DataPipelineSpec spec);
  }

  private static final Map<String, StageFactory> STAGES = new LinkedHashMap<>();

  static {
    // Per-document filters: pure DocFilters, counted and routed by ApplyFilter.
    filter(DataPipeline.LENGTH_STAGE, s -> new LengthFilter(s.minChars(), s.maxChars()));
    // Language: a per-document filter whose stage also counts the languages seen, for stats.json.
    stage(LanguageStage.STAGE, s -> LanguageStage.of(new LanguageFilter(s.settings().language())));
    filter("gopher_quality", s -> new GopherQualityFilter(s.settings().gopherQuality()));
    filter("gopher_repetition", s -> new GopherRepetitionFilter(s.settings().gopherRepetition()));
    filter("c4", s -> new C4Filter(s.settings().c4()));
    filter("fineweb", s -> new FineWebFilter(s.settings().fineweb()));
    filter("pii", s -> new PiiRedactor(s.settings().pii()));
    filter("toxicity", s -> new ToxicityFilter(s.settings().toxicity()));
    filter("copyright", s -> new CopyrightFilter(s.settings().copyright()));
    // Grouping stages: each a composite transform that ends in RouteDecisions itself.
    stage(ExactDedup.STAGE, s -> new ExactDedup());
    stage(FuzzyDedup.STAGE,
        s -> FuzzyDedup.of(s.settings().fuzzyDedup()).withReportIn(s.dataDir()));
    // Last: documents sharing an n-gram with the run's evaluation texts (built once, here) or,
    // for a train document, with a held-out one (gathered in the stage).
    stage(DecontaminateFilter.STAGE, s -> Decontaminate.of(
        DecontaminateFilter.of(s.settings().decontaminate(), s.evalSets()))
        .withHeldOut(new SplitByHash(s.valFraction())));
  }

  /** Every stage name, in the order of the default chain where they are in it. */
  public static final List<String> NAMES = List.copyOf(STAGES.keySet());
  /** The demo's chain: keeps nearly every chapter of a novel. */
  public static final List<String> DEFAULT = List.of("length", "language", "gopher_repetition",
      "pii", "toxicity", "copyright", ExactDedup.STAGE, DecontaminateFilter.STAGE);

  private FilterChain() {}

  private static void filter(String name, Function<DataPipelineSpec, DocFilter> filter) {
    stage(name, s -> ApplyFilter.of(name, filter.apply(s)));
  }

  private static void stage(String name, StageFactory factory) {
    STAGES.put(name, factory);
  }

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

  /** The stage named {@code name}, built for {@code spec}. */
  static PTransform<PCollection<Doc>, StageOutput> create(String name, DataPipelineSpec spec) {
    StageFactory factory = STAGES.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("unknown filter '" + name + "'");
    }
    return factory.create(spec);
  }
}
