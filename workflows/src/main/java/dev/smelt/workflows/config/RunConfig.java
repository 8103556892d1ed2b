package dev.smelt.workflows.config;

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
    EvalConfig eval) {}
