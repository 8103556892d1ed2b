package dev.smelt.activities.finetune;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.smelt.activities.checkpoint.SafeTensors.Tensor;
import dev.smelt.activities.checkpoint.TensorArrays;
import dev.smelt.activities.model.CrossEntropy;
import dev.smelt.activities.model.GptFiles;
import dev.smelt.activities.model.Gpt;
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
 * score.bias}) on the final hidden state of the last real token, like HF's
 * GPT2ForSequenceClassification (which has no bias). With causal attention that token has seen the
 * whole text.
 */
public final class Classifier implements AutoCloseable {
  public static final String HEAD_WEIGHT = "score.weight";
  public static final String HEAD_BIAS = "score.bias";

  private final Gpt backbone;
  private final int numClasses;
  private final Map<String, NDArray> params = new LinkedHashMap<>();

  private Classifier(Gpt backbone, int numClasses, long seed) {
    this.backbone = backbone;
    this.numClasses = numClasses;
    params.putAll(backbone.parameters());
    Engine.getInstance().setRandomSeed(Long.hashCode(seed));
    NDManager m = backbone.manager();
    long d = backbone.config().dModel();
    params.put(HEAD_WEIGHT, m.randomNormal(0f, 0.02f, new Shape(numClasses, d), DataType.FLOAT32));
    params.put(HEAD_BIAS, m.zeros(new Shape(numClasses)));
    params.get(HEAD_WEIGHT).setRequiresGradient(true);
    params.get(HEAD_BIAS).setRequiresGradient(true);
  }

  /** A new head (seeded) on the backbone saved in a pre-training {@code final/} folder. */
  public static Classifier fromPretrained(Path dir, int numClasses, long seed, NDManager parent)
      throws IOException {
    return fromPretrained(dir, numClasses, seed, parent, parent.getDevice());
  }

  /**
   * As above, on {@code device}. The backbone keeps the attention of its {@code config.json}
   * ({@code smelt.bidirectional}): a masked-LM backbone stays bidirectional.
   */
  public static Classifier fromPretrained(Path dir, int numClasses, long seed, NDManager parent,
      Device device) throws IOException {
    return new Classifier(GptFiles.read(dir, parent, device).gpt(), numClasses, seed);
  }

  /**
   * The baseline without pre-training: the architecture (shape, vocabulary, attention) of the model
   * in {@code dir}, with freshly initialised weights from {@code seed}.
   */
  public static Classifier fromScratch(Path dir, int numClasses, long seed, NDManager parent,
      Device device) throws IOException {
    Gpt shape;
    try (Gpt pretrained = GptFiles.read(dir, parent, device).gpt()) {
      shape = new Gpt(pretrained.config(), pretrained.vocabSize(), pretrained.bidirectional(), seed,
          parent, device);
    }
    return new Classifier(shape, numClasses, seed);
  }

  /** A fine-tuned classifier saved by {@link #save}. */
  public static Classifier load(Path dir, NDManager parent) throws IOException {
    GptFiles.Loaded loaded = GptFiles.read(dir, parent);
    Map<String, Tensor> head = loaded.extraTensors();
    int classes = (int) head.get(HEAD_WEIGHT).shape()[0];
    Classifier c = new Classifier(loaded.gpt(), classes, 0);
    TensorArrays.copyInto(HEAD_WEIGHT, head.get(HEAD_WEIGHT), c.params.get(HEAD_WEIGHT));
    TensorArrays.copyInto(HEAD_BIAS, head.get(HEAD_BIAS), c.params.get(HEAD_BIAS));
    return c;
  }

  /** Class logits (B, classes) for (B, T) tokens whose last real positions are {@code lastIndex}. */
  public NDArray logits(NDArray tokens, int[] lastIndex, boolean training) {
    NDArray hidden = backbone.hidden(tokens, training);
    long t = tokens.getShape().get(1);
    float[] select = new float[lastIndex.length * (int) t];
    for (int r = 0; r < lastIndex.length; r++) {
      select[r * (int) t + lastIndex[r]] = 1f;
    }
    NDArray mask = tokens.getManager().create(select, new Shape(lastIndex.length, t, 1));
    NDArray pooled = hidden.mul(mask).sum(new int[] {1});
    return Linear.linear(pooled, params.get(HEAD_WEIGHT), params.get(HEAD_BIAS)).singletonOrThrow();
  }

  /** Predicted class of each encoded text (see {@link ClassifierInputs#encode}). */
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
    GptFiles.write(dir, backbone, head, config);
  }

  /** Backbone and head weights, all trained. */
  public Map<String, NDArray> parameters() {
    return Collections.unmodifiableMap(params);
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

  public int numClasses() {
    return numClasses;
  }

  @Override
  public void close() {
    backbone.close();
  }
}
