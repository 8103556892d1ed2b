package dev.smelt.workflows.config;

import dev.smelt.workflows.stage.Stage;

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

  /** Minutes without progress after which an attempt of {@code stage} fails (0 = never). */
  public double of(Stage stage) {
    return switch (stage) {
      case DATA -> data;
      case TOKENIZER -> tokenizer;
      case PRETRAIN -> pretrain;
      case FINETUNE -> finetune;
      case BASELINES -> baselines;
      case EVALUATE -> evaluate;
      case REPORT -> report;
    };
  }
}
