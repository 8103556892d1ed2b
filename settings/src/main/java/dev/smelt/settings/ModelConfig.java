package dev.smelt.settings;

/**
 * Transformer shape. {@code preset} names the shape it was filled from (tiny, small, gpt2-124m)
 * or "custom".
 */
public record ModelConfig(
    String preset, int layers, int heads, int dModel, int contextLength, double dropout) {}
