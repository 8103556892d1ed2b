package dev.smelt.settings;

import dev.smelt.settings.filter.FilterSettings;
import java.util.List;

/**
 * The data stage.
 *
 * @param inputs files or folders of raw text (see readers; gzip is detected), absolute paths
 * @param minChars documents shorter than this, after cleaning, are rejected as too short
 * @param maxChars documents longer than this are rejected as too long (protects memory)
 * @param valFraction share of documents, chosen by a hash of doc_id, held out for validation
 * @param runner Beam runner name (DirectRunner by default)
 * @param readers the readers tried on each input file, in order: jsonl, text, parquet, html, mail,
 *     warc
 * @param filters the filter stages to run, in order: length, language, gopher_quality,
 *     gopher_repetition, c4, fineweb, pii, toxicity, copyright, dedup, decontaminate
 * @param filterSettings every filter's thresholds
 * @param followSymlinks whether symbolic links under an input folder are followed when their
 *     target lies inside that input (off by default; links out of the input never are)
 * @param textSplitBytes a text file larger than this is read as pieces of about this size, cut at
 *     empty lines (1 MiB by default; 0 in code: the reader's default)
 * @param flinkMaster where FlinkRunner runs: "[local]" (an embedded mini-cluster, the default) or
 *     host:port of a Flink cluster's JobManager; unused by other runners
 * @param pipelineArgs Beam flags ({@code --flag=value}) for the data and token-shard pipelines,
 *     e.g. "--parallelism=2" on Flink or "--targetParallelism=4" on the DirectRunner
 */
public record DataConfig(
    List<String> inputs, int minChars, int maxChars, double valFraction, String runner,
    List<String> readers, List<String> filters, FilterSettings filterSettings,
    boolean followSymlinks, int textSplitBytes, String flinkMaster, List<String> pipelineArgs) {

  public DataConfig {
    pipelineArgs = pipelineArgs == null ? List.of() : List.copyOf(pipelineArgs);
  }

  /** A data section with the reader's default split size, on the embedded Flink master. */
  public DataConfig(
      List<String> inputs, int minChars, int maxChars, double valFraction, String runner,
      List<String> readers, List<String> filters, FilterSettings filterSettings,
      boolean followSymlinks) {
    this(inputs, minChars, maxChars, valFraction, runner, readers, filters, filterSettings,
        followSymlinks, 0, "[local]", List.of());
  }
}
