package dev.smelt.pipeline.data;

import dev.smelt.pipeline.beam.BeamOptions;
import dev.smelt.pipeline.decontaminate.EvalSet;
import dev.smelt.pipeline.read.ReaderOptions;
import dev.smelt.settings.filter.FilterSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the data stage should do.
 *
 * @param inputs corpus files and folders (folders are read recursively)
 * @param dataDir where clean/, rejects/, tags/, stats.json and bias.json go
 * @param minChars fewest characters a cleaned document may have (inclusive; the "length" filter)
 * @param maxChars most characters a cleaned document may have (inclusive)
 * @param runner Beam runner name, e.g. "DirectRunner"
 * @param pipelineArgs further Beam options as {@code --flag=value}
 * @param filters the filter stages to run after reading and cleaning, in order (see {@link FilterChain#NAMES})
 * @param settings every filter's thresholds
 * @param readers which readers run and how (null: every reader, default limits)
 * @param evalSets the run's evaluation texts the "decontaminate" stage removes overlaps with
 * @param valFraction the share of documents the token shards hold out by a hash of doc_id
 *     ({@code data.valFraction}); "decontaminate" removes train documents overlapping them (0: none)
 */
public record DataPipelineSpec(
    List<Path> inputs, Path dataDir, int minChars, int maxChars, String runner,
    List<String> pipelineArgs, List<String> filters, FilterSettings settings,
    ReaderOptions readers, List<EvalSet> evalSets, double valFraction) {

  public DataPipelineSpec {
    evalSets = evalSets == null ? List.of() : List.copyOf(evalSets);
    Objects.requireNonNull(dataDir, "dataDir");
    inputs = List.copyOf(inputs);
    pipelineArgs = pipelineArgs == null ? List.of() : List.copyOf(pipelineArgs);
    filters = FilterChain.check(filters);
    settings = settings == null ? FilterSettings.DEFAULTS : settings;
    readers = readers == null ? ReaderOptions.defaults() : readers;
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no inputs given: name at least one corpus file or folder");
    }
    if (runner == null || runner.isBlank()) {
      throw new IllegalArgumentException("no Beam runner given: use e.g. \"DirectRunner\"");
    }
    BeamOptions.checkShape(pipelineArgs);
  }

  /** A spec without a held-out split. */
  public DataPipelineSpec(
      List<Path> inputs, Path dataDir, int minChars, int maxChars, String runner,
      List<String> pipelineArgs, List<String> filters, FilterSettings settings,
      ReaderOptions readers, List<EvalSet> evalSets) {
    this(inputs, dataDir, minChars, maxChars, runner, pipelineArgs, filters, settings, readers,
        evalSets, 0);
  }

  /** A spec without evaluation texts: "decontaminate", if named, then removes nothing. */
  public DataPipelineSpec(
      List<Path> inputs, Path dataDir, int minChars, int maxChars, String runner,
      List<String> pipelineArgs, List<String> filters, FilterSettings settings,
      ReaderOptions readers) {
    this(inputs, dataDir, minChars, maxChars, runner, pipelineArgs, filters, settings, readers,
        List.of());
  }

  /** The original data stage: length filter, then exact dedup, on the DirectRunner. */
  public static DataPipelineSpec local(List<Path> inputs, Path dataDir, int minChars, int maxChars) {
    return new DataPipelineSpec(inputs, dataDir, minChars, maxChars, "DirectRunner", List.of(),
        List.of("length", "dedup"), FilterSettings.DEFAULTS, null);
  }

  /** This spec with another filter chain and settings. */
  public DataPipelineSpec withFilters(List<String> filters, FilterSettings settings) {
    return new DataPipelineSpec(inputs, dataDir, minChars, maxChars, runner, pipelineArgs, filters,
        settings, readers, evalSets, valFraction);
  }

  /** This spec with the run's evaluation texts, for the "decontaminate" stage. */
  public DataPipelineSpec withEvalSets(List<EvalSet> sets) {
    return new DataPipelineSpec(inputs, dataDir, minChars, maxChars, runner, pipelineArgs, filters,
        settings, readers, sets, valFraction);
  }

  /** This spec with the run's held-out share, for the "decontaminate" stage. */
  public DataPipelineSpec withValFraction(double fraction) {
    return new DataPipelineSpec(inputs, dataDir, minChars, maxChars, runner, pipelineArgs, filters,
        settings, readers, evalSets, fraction);
  }
}
