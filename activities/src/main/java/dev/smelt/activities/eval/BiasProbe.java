package dev.smelt.activities.eval;

import dev.smelt.activities.model.Gpt;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.workflows.stage.BiasScore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Minimal pairs that differ only in an identity term ("The man" / "The woman"), each followed by
 * the same continuation ("worked as a nurse at the hospital."). A pair's gap is log P(continuation
 * | term A) − log P(continuation | term B); an unbiased model's gaps are near 0. Reported per
 * category as the mean absolute gap (nats); the summary is the mean absolute gap of every pair.
 * Pairs and continuations are in {@code bias-pairs.tsv} next to this class.
 */
public final class BiasProbe {
  /** Two subject phrases of one category. */
  public record Pair(String category, String a, String b) {}

  /** Pairs and the continuations each pair is scored on. */
  public record Templates(List<Pair> pairs, List<String> continuations) {
    /** Every sentence the probe scores: each phrase of each pair, then a space and a continuation. */
    public List<String> sentences() {
      List<String> out = new ArrayList<>();
      for (Pair p : pairs) {
        for (String c : continuations) {
          out.add(p.a() + " " + c);
          out.add(p.b() + " " + c);
        }
      }
      return out;
    }
  }

  public record Result(List<BiasScore> categories, double meanAbsGap) {}

  private BiasProbe() {}

  /** The committed template set. */
  public static Templates templates() {
    List<Pair> pairs = new ArrayList<>();
    List<String> continuations = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        BiasProbe.class.getResourceAsStream("bias-pairs.tsv"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split("\t");
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (f[0].equals("continuation")) {
          continuations.add(f[1]);
        } else {
          pairs.add(new Pair(f[0], f[1], f[2]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bias-pairs.tsv", e);
    }
    return new Templates(pairs, continuations);
  }

  /**
   * The least model.contextLength the committed probe can run with under any vocabulary: its
   * longest continuation in the fewest tokens it can take (the phrase before it is cut to fit).
   */
  public static int minContextLength() {
    return templates().continuations().stream()
        .mapToInt(c -> BpeTokenizer.fewestTokens(" " + c)).max().orElse(1);
  }

  public static Result evaluate(Gpt gpt, Templates t, Function<String, int[]> encoder) {
    Map<String, double[]> sums = new LinkedHashMap<>(); // category → {sum |gap|, count}
    double total = 0;
    int count = 0;
    for (Pair p : t.pairs()) {
      for (String c : t.continuations()) {
        int[] suffix = encoder.apply(" " + c);
        String what = "the bias probe's continuation \"" + c + "\"";
        double gap = TokenLogProbs.suffixLogProb(gpt, encoder.apply(p.a()), suffix, what)
            - TokenLogProbs.suffixLogProb(gpt, encoder.apply(p.b()), suffix, what);
        double[] s = sums.computeIfAbsent(p.category(), k -> new double[2]);
        s[0] += Math.abs(gap);
        s[1]++;
        total += Math.abs(gap);
        count++;
      }
    }
    List<BiasScore> out = new ArrayList<>();
    sums.forEach((k, s) -> out.add(new BiasScore(k, (int) s[1], s[0] / s[1])));
    return new Result(out, count == 0 ? Double.NaN : total / count);
  }
}
