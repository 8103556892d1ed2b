package dev.smelt.activities.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.activities.pretrain.EarlyStop;
import dev.smelt.activities.pretrain.StopRules;
import dev.smelt.activities.pretrain.TrainingClock;
import dev.smelt.workflows.stage.StopReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classic text-classification baseline: unigram and bigram presence over lower-cased word
 * tokens, each document's features scaled to unit length, and a multinomial logistic regression
 * trained by SGD with an L2 penalty (applied to the weights an example touches) and a decaying
 * learning rate. Seeded, so the same examples give the same model.
 */
public final class BagOfWords {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Training settings: passes over the data, first learning rate, L2 strength. */
  public record Settings(int epochs, double learningRate, double l2, long seed) {
    public static Settings defaults(long seed) {
      return new Settings(200, 0.5, 1e-4, seed);
    }
  }

  /** What is saved: the feature names in index order, weights (classes × features), biases. */
  record Saved(List<String> features, double[][] weights, double[] bias) {}

  private final Map<String, Integer> index;
  private final double[][] weights;
  private final double[] bias;

  private BagOfWords(Map<String, Integer> index, double[][] weights, double[] bias) {
    this.index = index;
    this.weights = weights;
    this.bias = bias;
  }

  /** The features of one text: "w:word" for unigrams, "b:word word" for bigrams. */
  static List<String> features(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      out.add("w:" + words.get(i));
      if (i > 0) {
        out.add("b:" + words.get(i - 1) + " " + words.get(i));
      }
    }
    return out;
  }

  /** A trained model, the epochs it got and why it stopped there. */
  public record Trained(BagOfWords model, int epochs, StopReason stop) {}

  public static BagOfWords train(List<LabelledText> examples, Settings s) {
    return train(examples, List.of(), s, 0, 0).model();
  }

  /**
   * Trains at most {@code s.epochs()} epochs; with {@code patience} above 0 it measures the mean
   * log-loss on {@code validation} every {@code evalEvery} epochs and stops after that many
   * measurements in a row without a lower one (the rule the neural curve models follow).
   */
  public static Trained train(List<LabelledText> examples, List<LabelledText> validation,
      Settings s, int evalEvery, int patience) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("a bag-of-words model needs at least one example");
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    examples.forEach(e -> features(e.text()).forEach(f -> index.putIfAbsent(f, index.size())));
    int classes = 1 + examples.stream().mapToInt(LabelledText::label).max().orElse(0);
    BagOfWords model = new BagOfWords(index, new double[classes][index.size()], new double[classes]);
    List<int[]> x = examples.stream().map(e -> model.vector(e.text())).toList();
    int[] order = new int[examples.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    boolean validating = patience > 0 && evalEvery > 0 && !validation.isEmpty();
    StopRules stopRules = new StopRules(s.epochs(),
        new EarlyStop(validating ? patience : 0, 0, Double.POSITIVE_INFINITY, 0),
        new TrainingClock(0, 0, 0), () -> false);
    SplittableRandom rng = new SplittableRandom(s.seed());
    for (int epoch = 0; epoch < s.epochs(); epoch++) {
      shuffle(order, rng);
      double lr = s.learningRate() / (1 + 0.02 * epoch);
      for (int i : order) {
        model.sgdStep(x.get(i), examples.get(i).label(), lr, s.l2());
      }
      int done = epoch + 1;
      Optional<StopReason> stop = stopRules.after(done,
          validating && done % evalEvery == 0 ? model.logLoss(validation) : Double.NaN);
      if (stop.isPresent()) {
        return new Trained(model, done, stop.get());
      }
    }
    return new Trained(model, s.epochs(), StopReason.MAX_STEPS); // 0 epochs
  }

  /** Mean negative log-probability of each example's label. */
  double logLoss(List<LabelledText> examples) {
    double sum = 0;
    for (LabelledText e : examples) {
      double[] p = probabilities(vector(e.text()));
      sum -= Math.log(Math.max(1e-12, e.label() < p.length ? p[e.label()] : 0));
    }
    return sum / examples.size();
  }

  private void sgdStep(int[] x, int label, double lr, double l2) {
    double[] p = probabilities(x);
    double scale = x.length == 0 ? 0 : 1 / Math.sqrt(x.length);
    for (int c = 0; c < weights.length; c++) {
      double g = p[c] - (c == label ? 1 : 0);
      bias[c] -= lr * g;
      for (int f : x) {
        weights[c][f] -= lr * (g * scale + l2 * weights[c][f]);
      }
    }
  }

  /** Known feature indices of a text, each once (presence, not counts). */
  private int[] vector(String text) {
    return features(text).stream().map(index::get).filter(i -> i != null).distinct()
        .mapToInt(Integer::intValue).toArray();
  }

  private double[] probabilities(int[] x) {
    double scale = x.length == 0 ? 0 : 1 / Math.sqrt(x.length);
    double[] z = new double[weights.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < z.length; c++) {
      z[c] = bias[c];
      for (int f : x) {
        z[c] += weights[c][f] * scale;
      }
      max = Math.max(max, z[c]);
    }
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    for (int c = 0; c < z.length; c++) {
      z[c] /= sum;
    }
    return z;
  }

  public int predict(String text) {
    double[] p = probabilities(vector(text));
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      best = p[c] > p[best] ? c : best;
    }
    return best;
  }

  public int[] predict(List<LabelledText> examples) {
    return examples.stream().mapToInt(e -> predict(e.text())).toArray();
  }

  public int features() {
    return index.size();
  }

  public void save(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), new Saved(new ArrayList<>(index.keySet()), weights, bias));
  }

  public static BagOfWords load(Path file) throws IOException {
    Saved s = JSON.readValue(file.toFile(), Saved.class);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < s.features().size(); i++) {
      index.put(s.features().get(i), i);
    }
    return new BagOfWords(index, s.weights(), s.bias());
  }

  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
