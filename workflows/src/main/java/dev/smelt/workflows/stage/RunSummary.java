package dev.smelt.workflows.stage;

/** Everything a finished run produced; written as results.json and drawn in report.html. */
public record RunSummary(
    String runId,
    String runDir,
    DataResult data,
    TokenizerResult tokenizer,
    PretrainResult pretrain,
    FinetuneResult finetune,
    BaselinesResult baselines,
    EvalResult eval,
    String reportPath) {}
