package dev.smelt.workflows.stage;

import java.util.List;

/**
 * Everything a finished run produced; written as results.json and drawn in report.html.
 * {@code cached} lists the stages (ids, run order) served from their fingerprint's finished record
 * instead of running.
 */
public record RunSummary(
    String runId,
    String runDir,
    DataResult data,
    TokenizerResult tokenizer,
    PretrainResult pretrain,
    FinetuneResults finetune,
    BaselinesResults baselines,
    EvalResult eval,
    String reportPath,
    List<String> cached) {
  public RunSummary {
    cached = cached == null ? List.of() : List.copyOf(cached);
  }

  /** A summary in which no stage was served from the cache. */
  public RunSummary(String runId, String runDir, DataResult data, TokenizerResult tokenizer,
      PretrainResult pretrain, FinetuneResults finetune, BaselinesResults baselines, EvalResult eval,
      String reportPath) {
    this(runId, runDir, data, tokenizer, pretrain, finetune, baselines, eval, reportPath, List.of());
  }

  /** This summary with the report's path filled in. */
  public RunSummary withReportPath(String path) {
    return new RunSummary(runId, runDir, data, tokenizer, pretrain, finetune, baselines, eval, path,
        cached);
  }

  /** True when {@code stage} was served from the cache in this run. */
  public boolean isCached(Stage stage) {
    return cached.contains(stage.id());
  }
}
