package dev.smelt.activities.finetune;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import com.fasterxml.jackson.databind.JsonNode;
import dev.smelt.activities.checkpoint.SafeTensors.Tensor;
import dev.smelt.activities.checkpoint.TensorArrays;
import dev.smelt.activities.model.CrossEntropy;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.activities.model.Gpt;
import dev.smelt.settings.Pooling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pre-trained GPT backbone plus a linear head ({@code score.weight} (classes, d), {@code
 * score.bias}) on the final hidden states pooled by {@link Pooling}: the last real token's, like
 * HF's GPT2ForSequenceClassification (which has no bias; with causal attention that token has seen
 * the whole text), or the mean over the real tokens. The pooling is saved in config.json
 * ({@code smelt.pooling}).
 *
 * <p>A classifier may {@link #freezeBackbone}: then only the head is trained (a linear probe on the
 * backbone's features, read without dropout), and the backbone takes no gradient, so a step costs
 * the forward pass alone.
 */
public final class Classifier implements AutoCloseable {
  public static final String HEAD_WEIGHT = "score.weight";
  public static final String HEAD_BIAS = "score.bias";
  public static final String POOLING = "pooling";

  private final Gpt backbone;
  private final int numClasses;
  private final Pooling pooling;
  private final Map<String, NDArray> params = new LinkedHashMap<>();
  private boolean frozen;

  private Classifier(Gpt backbone, int numClasses, long seed, Pooling pooling) {
    this.backbone = backbone;
    this.numClasses = numClasses;
    this.pooling = pooling;
    params.putAll(backbone.parameters());
    Engine.getInstance().setRandomSeed(Long.hashCode(seed));
    NDManager m = backbone.manager();
    long d = backbone.config().dModel();
    params.put(HEAD_WEIGHT, m.randomNormal(0f, 0.02f, new Shape(numClasses, d), DataType.FLOAT32));
    params.put(HEAD_BIAS, m.zeros(new Shape(numClasses)));
    params.get(HEAD_WEIGHT).setRequiresGradient(true);
    params.get(HEAD_BIAS).setRequiresGradient(true);
  }

  /** A new head (seeded, last-token pooling) on the backbone saved in a pre-training {@code final/}. */
  public static Classifier fromPretrained(Path dir, int numClasses, long seed, NDManager parent)
      throws IOException {
    return fromPretrained(dir, numClasses, seed, Pooling.LAST, parent, parent.getDevice());
  }

  /**
   * A new head pooling by {@code pooling}, on {@code device}. The backbone keeps the attention of
   * its {@code config.json} ({@code smelt.bidirectional}): a masked-LM backbone stays bidirectional.
   */
  public static Classifier fromPretrained(Path dir, int numClasses, long seed, Pooling pooling,
      NDManager parent, Device device) throws IOException {
    return new Classifier(GptFiles.read(dir, parent, device).gpt(), numClasses, seed, pooling);
  }

  /**
   * The baseline without pre-training: the architecture (shape, vocabulary, attention) of the model
   * in {@code dir}, with freshly initialised weights from {@code seed}.
   */
  public static Classifier fromScratch(Path dir, int numClasses, long seed, Pooling pooling,
      NDManager parent, Device device) throws IOException {
    Gpt shape;
    try (Gpt pretrained = GptFiles.read(dir, parent, device).gpt()) {
      shape = new Gpt(pretrained.config(), pretrained.vocabSize(), pretrained.bidirectional(), seed,
          parent, device);
    }
    return new Classifier(shape, numClasses, seed, pooling);
  }

  /** A fine-tuned classifier saved by {@link #save}. */
  public static Classifier load(Path dir, NDManager parent) throws IOException {
    GptFiles.Loaded loaded = GptFiles.read(dir, parent);
    Map<String, Tensor> head = loaded.extraTensors();
    int classes = (int) head.get(HEAD_WEIGHT).shape()[0];
    JsonNode saved = loaded.config().path("smelt").path(POOLING);
    Pooling pooling = saved.isTextual() ? Pooling.of(saved.asText()) : Pooling.LAST;
    Classifier c = new Classifier(loaded.gpt(), classes, 0, pooling);
    TensorArrays.copyInto(HEAD_WEIGHT, head.get(HEAD_WEIGHT), c.params.get(HEAD_WEIGHT));
    TensorArrays.copyInto(HEAD_BIAS, head.get(HEAD_BIAS), c.params.get(HEAD_BIAS));
    return c;
  }

  /**
   * Class logits (B, classes) for (B, T) right-padded tokens whose last real positions are {@code
   * lastIndex}: the hidden states weighted by a constant (B, T, 1) mask and summed over T.
   */
  public NDArray logits(NDArray tokens, int[] lastIndex, boolean training) {
    NDArray hidden = backbone.hidden(tokens, training && !frozen);
    int t = (int) tokens.getShape().get(1);
    NDArray mask = tokens.getManager().create(poolWeights(pooling, lastIndex, t),
        new Shape(lastIndex.length, t, 1));
    NDArray pooled = hidden.mul(mask).sum(new int[] {1});
    return Linear.linear(pooled, params.get(HEAD_WEIGHT), params.get(HEAD_BIAS)).singletonOrThrow();
  }

  /**
   * The pooling weights of a (rows, t) batch, row-major: one at each row's last real token, or
   * 1 / (last + 1) on each of its real tokens.
   */
  static float[] poolWeights(Pooling pooling, int[] lastIndex, int t) {
    float[] w = new float[lastIndex.length * t];
    for (int r = 0; r < lastIndex.length; r++) {
      if (pooling == Pooling.MEAN) {
        java.util.Arrays.fill(w, r * t, r * t + lastIndex[r] + 1, 1f / (lastIndex[r] + 1));
      } else {
        w[r * t + lastIndex[r]] = 1f;
      }
    }
    return w;
  }

  /** Mean cross-entropy of the classes {@code labels} of {@code encoded} (no dropout, no grad). */
  public double loss(List<int[]> encoded, List<Integer> labels, int batchSize) {
    double sum = 0;
    for (int first = 0; first < encoded.size(); first += batchSize) {
      int end = Math.min(encoded.size(), first + batchSize);
      ClassifierInputs.Batch b =
          ClassifierInputs.batch(encoded.subList(first, end), labels.subList(first, end));
      try (NDManager step = backbone.manager().newSubManager()) {
        NDArray x = step.create(b.tokens(), new Shape(b.rows(), b.length()));
        sum += CrossEntropy.mean(logits(x, b.lastIndex(), false), step.create(b.labels()))
            .getFloat() * b.rows();
      }
    }
    return encoded.isEmpty() ? Double.NaN : sum / encoded.size();
  }

  /** Predicted class of each encoded text (see {@link ClassifierInputs#encode}). */
  public int[] predict(List<int[]> encoded, int batchSize) {
    int[] out = new int[encoded.size()];
    for (int first = 0; first < encoded.size(); first += batchSize) {
      List<int[]> rows = encoded.subList(first, Math.min(encoded.size(), first + batchSize));
      ClassifierInputs.Batch b =
          ClassifierInputs.batch(rows, new ArrayList<>(Collections.nCopies(rows.size(), 0)));
      try (NDManager step = backbone.manager().newSubManager()) {
        NDArray x = step.create(b.tokens(), new Shape(b.rows(), b.length()));
        long[] argmax = logits(x, b.lastIndex(), false).argMax(-1).toLongArray();
        for (int r = 0; r < argmax.length; r++) {
          out[first + r] = (int) argmax[r];
        }
      }
    }
    return out;
  }

  public void save(Path dir, Map<String, Object> extraConfig) throws IOException {
    Map<String, Tensor> head = new LinkedHashMap<>();
    head.put(HEAD_WEIGHT, TensorArrays.toTensor(params.get(HEAD_WEIGHT)));
    head.put(HEAD_BIAS, TensorArrays.toTensor(params.get(HEAD_BIAS)));
    // In name order: a caller's Map.of iterates in an order salted per JVM, and a resumed run's
    // config.json must be the bytes of an uninterrupted one's.
    Map<String, Object> config = new TreeMap<>(extraConfig);
    config.put("num_labels", numClasses);
    config.put(POOLING, pooling.key());
    GptFiles.write(dir, backbone, head, config);
  }

  /** Backbone and head weights. */
  public Map<String, NDArray> parameters() {
    return Collections.unmodifiableMap(params);
  }

  /** The weights training updates: the head's alone once the backbone is frozen, else all. */
  public Map<String, NDArray> trainable() {
    if (!frozen) {
      return parameters();
    }
    Map<String, NDArray> head = new LinkedHashMap<>();
    head.put(HEAD_WEIGHT, params.get(HEAD_WEIGHT));
    head.put(HEAD_BIAS, params.get(HEAD_BIAS));
    return Collections.unmodifiableMap(head);
  }

  /** From now on only the head trains: the backbone's weights take no gradient and no dropout. */
  public void freezeBackbone() {
    frozen = true;
    backbone.parameters().values().forEach(p -> p.setRequiresGradient(false));
  }

  public boolean frozen() {
    return frozen;
  }

  public NDManager manager() {
    return backbone.manager();
  }

  public int contextLength() {
    return backbone.config().contextLength();
  }

  /** Whether the backbone attends both ways (a masked-LM backbone). */
  public boolean bidirectional() {
    return backbone.bidirectional();
  }

  public Pooling pooling() {
    return pooling;
  }

  public int numClasses() {
    return numClasses;
  }

  @Override
  public void close() {
    backbone.close();
  }
}
