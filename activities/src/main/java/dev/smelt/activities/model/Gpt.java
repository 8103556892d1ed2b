package dev.smelt.activities.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import dev.smelt.settings.ModelConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A GPT-2 style decoder: token + position embeddings, pre-LayerNorm blocks of multi-head
 * self-attention (one fused qkv projection) and a 4x GELU MLP, a final LayerNorm and an output head
 * tied to the token embedding.
 *
 * <p>Weights are plain named arrays, named and laid out like Hugging Face's {@code GPT2Model}
 * ({@code wte.weight}, {@code h.0.attn.c_attn.weight}, ...). Like HF's {@code Conv1D}, projection
 * weights are stored (in, out) and applied as {@code x @ W + b}, so a saved file loads into
 * {@code GPT2Model} as is. The one difference: GELU here is the exact (erf) form; HF GPT-2 defaults
 * to the tanh approximation, so our config.json says {@code "activation_function": "gelu"}.
 *
 * <p>Every op takes the step's activations as its first operand, so intermediate results belong to
 * the caller's manager (close it after the step), never to the model's.
 */
public final class Gpt implements AutoCloseable {
  private static final float LN_EPS = 1e-5f;

  private final ModelConfig config;
  private final int vocabSize;
  private final boolean bidirectional;
  private final NDManager manager;
  private final Map<String, NDArray> params = new LinkedHashMap<>();

  /**
   * A freshly initialised model (GPT-2 scheme: N(0, 0.02), residual projections scaled by
   * 1/sqrt(2 layers), LayerNorm 1/0, biases 0). {@code bidirectional} drops the causal mask, for
   * masked-LM training.
   */
  public Gpt(ModelConfig config, int vocabSize, boolean bidirectional, long seed, NDManager parent) {
    this(config, vocabSize, bidirectional, seed, parent, parent.getDevice());
  }

  /** As above, with the weights (and so every step's arrays, made under them) on {@code device}. */
  public Gpt(ModelConfig config, int vocabSize, boolean bidirectional, long seed, NDManager parent,
      Device device) {
    if (config.dModel() % config.heads() != 0) {
      throw new IllegalArgumentException(
          "dModel " + config.dModel() + " is not divisible by heads " + config.heads());
    }
    this.config = config;
    this.vocabSize = vocabSize;
    this.bidirectional = bidirectional;
    this.manager = parent.newSubManager(device);
    Engine.getInstance().setRandomSeed(Long.hashCode(seed));
    int c = config.dModel();
    float residualStd = (float) (0.02 / Math.sqrt(2.0 * config.layers()));
    normal("wte.weight", 0.02f, vocabSize, c);
    normal("wpe.weight", 0.02f, config.contextLength(), c);
    for (int i = 0; i < config.layers(); i++) {
      String h = "h." + i + ".";
      layerNormParams(h + "ln_1", c);
      normal(h + "attn.c_attn.weight", 0.02f, c, 3 * c);
      zeros(h + "attn.c_attn.bias", 3 * c);
      normal(h + "attn.c_proj.weight", residualStd, c, c);
      zeros(h + "attn.c_proj.bias", c);
      layerNormParams(h + "ln_2", c);
      normal(h + "mlp.c_fc.weight", 0.02f, c, 4 * c);
      zeros(h + "mlp.c_fc.bias", 4 * c);
      normal(h + "mlp.c_proj.weight", residualStd, 4 * c, c);
      zeros(h + "mlp.c_proj.bias", c);
    }
    layerNormParams("ln_f", c);
    params.values().forEach(p -> p.setRequiresGradient(true));
  }

  /** Final hidden states (B, T, dModel) after {@code ln_f}, for (B, T) int64 tokens. */
  public NDArray hidden(NDArray tokens, boolean training) {
    long t = tokens.getShape().get(1);
    if (t > config.contextLength()) {
      throw new IllegalArgumentException(t + " tokens exceed context " + config.contextLength());
    }
    NDManager step = tokens.getManager();
    NDArray positions = step.arange(0, (int) t, 1, DataType.INT64);
    NDArray x = embed(tokens, "wte.weight").add(embed(positions, "wpe.weight"));
    x = dropout(x, training);
    NDArray mask = bidirectional ? null : causalMask(step, t);
    for (int i = 0; i < config.layers(); i++) {
      String h = "h." + i + ".";
      x = x.add(attention(h, layerNorm(x, h + "ln_1"), mask, training));
      x = x.add(mlp(h, layerNorm(x, h + "ln_2"), training));
    }
    return layerNorm(x, "ln_f");
  }

  /** Next-token logits (B, T, vocab): hidden states times the (tied) token embedding. */
  public NDArray logits(NDArray tokens, boolean training) {
    return Linear.linear(hidden(tokens, training), p("wte.weight")).singletonOrThrow();
  }

  private NDArray attention(String h, NDArray x, NDArray mask, boolean training) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int c = config.dModel();
    int nh = config.heads();
    NDList qkv = conv1d(x, h + "attn.c_attn").split(3, 2);
    NDArray q = qkv.get(0).reshape(b, t, nh, c / nh).transpose(0, 2, 1, 3);
    NDArray k = qkv.get(1).reshape(b, t, nh, c / nh).transpose(0, 2, 3, 1);
    NDArray v = qkv.get(2).reshape(b, t, nh, c / nh).transpose(0, 2, 1, 3);
    NDArray scale = Scalars.of(x.getManager(), (float) (1.0 / Math.sqrt((double) c / nh)));
    NDArray att = q.matMul(k).mul(scale);
    if (mask != null) {
      att = att.add(mask);
    }
    att = dropout(att.softmax(-1), training);
    NDArray y = att.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, c);
    return dropout(conv1d(y, h + "attn.c_proj"), training);
  }

  private NDArray mlp(String h, NDArray x, boolean training) {
    NDArray up = Activation.gelu(conv1d(x, h + "mlp.c_fc"));
    return dropout(conv1d(up, h + "mlp.c_proj"), training);
  }

  /** HF's Conv1D: weight is (in, out). */
  private NDArray conv1d(NDArray x, String name) {
    return x.matMul(p(name + ".weight")).add(p(name + ".bias"));
  }

  private NDArray layerNorm(NDArray x, String name) {
    return LayerNorm.layerNorm(x, new Shape(config.dModel()), p(name + ".weight"),
        p(name + ".bias"), LN_EPS).singletonOrThrow();
  }

  private NDArray embed(NDArray ids, String table) {
    return Embedding.embedding(ids, p(table), SparseFormat.DENSE).singletonOrThrow();
  }

  private NDArray dropout(NDArray x, boolean training) {
    return training && config.dropout() > 0
        ? Dropout.dropout(x, (float) config.dropout(), true).singletonOrThrow()
        : x;
  }

  /** Additive mask: a large negative number where a position would see its future. */
  private static NDArray causalMask(NDManager m, long t) {
    NDArray row = m.arange(0, (int) t, 1, DataType.INT64).reshape(t, 1);
    NDArray col = m.arange(0, (int) t, 1, DataType.INT64).reshape(1, t);
    return col.gt(row).toType(DataType.FLOAT32, false).mul(-1e9f);
  }

  private NDArray p(String name) {
    return params.get(name);
  }

  private void normal(String name, float std, long... shape) {
    params.put(name, manager.randomNormal(0f, std, new Shape(shape), DataType.FLOAT32));
  }

  private void zeros(String name, long size) {
    params.put(name, manager.zeros(new Shape(size)));
  }

  private void layerNormParams(String name, long size) {
    params.put(name + ".weight", manager.ones(new Shape(size)));
    params.put(name + ".bias", manager.zeros(new Shape(size)));
  }

  /** The live weights, in HF GPT-2 order and naming. */
  public Map<String, NDArray> parameters() {
    return Collections.unmodifiableMap(params);
  }

  public long parameterCount() {
    return params.values().stream().mapToLong(NDArray::size).sum();
  }

  /** Weights a model of this shape has, without building it (GPT-2 small: 124,439,808). */
  public static long parameterCount(ModelConfig c, int vocabSize) {
    long d = c.dModel();
    long perLayer = 12 * d * d + 13 * d; // c_attn, c_proj, c_fc, c_proj weights + biases, 2 LNs
    return (vocabSize + c.contextLength()) * d + c.layers() * perLayer + 2 * d;
  }

  public ModelConfig config() {
    return config;
  }

  public int vocabSize() {
    return vocabSize;
  }

  public boolean bidirectional() {
    return bidirectional;
  }

  /** The manager that owns the weights; the optimizer keeps its moments under it. */
  public NDManager manager() {
    return manager;
  }

  @Override
  public void close() {
    manager.close();
  }
}
