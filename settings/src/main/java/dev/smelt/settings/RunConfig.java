package dev.smelt.settings;

/**
 * The resolved run configuration: every default filled in, every path absolute.
 * Loaded and validated by infra; passed unchanged to every activity.
 */
public record RunConfig(
    String name,
    long seed,
    DataConfig data,
    TokenizerConfig tokenizer,
    ModelConfig model,
    PretrainConfig pretrain,
    FinetuneConfig finetune,
    EvalConfig eval,
    StallMinutes stallMinutes) {
  /** A config written before {@code stallMinutes} existed gets the defaults. */
  public RunConfig {
    stallMinutes = stallMinutes == null ? StallMinutes.DEFAULTS : stallMinutes;
  }

  /** A config with the default {@link StallMinutes}. */
  public RunConfig(String name, long seed, DataConfig data, TokenizerConfig tokenizer,
      ModelConfig model, PretrainConfig pretrain, FinetuneConfig finetune, EvalConfig eval) {
    this(name, seed, data, tokenizer, model, pretrain, finetune, eval, StallMinutes.DEFAULTS);
  }
}
