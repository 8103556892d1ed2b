package dev.smelt.settings;

/**
 * How long each stage's attempt may go without progress before it fails and is retried
 * ({@code stallMinutes.<stage>}; 0 = never). Progress is a heartbeat whose content changed: a step
 * done, a file read, a metric finished. The keep-alive beats only while progress comes, so a hung
 * stage is retried after these minutes instead of its 6 h–14 d start-to-close timeout.
 */
public record StallMinutes(
    double data,
    double tokenizer,
    double pretrain,
    double finetune,
    double baselines,
    double evaluate,
    double report) {
  /** The values of smelt-defaults.yaml, for code that builds a config without loading one. */
  public static final StallMinutes DEFAULTS = new StallMinutes(120, 60, 30, 20, 20, 120, 10);
}
