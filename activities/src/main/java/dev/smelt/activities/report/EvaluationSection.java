package dev.smelt.activities.report;

import dev.smelt.activities.eval.CurveSummary;
import dev.smelt.workflows.stage.BaselinesResult;
import dev.smelt.workflows.stage.BiasScore;
import dev.smelt.workflows.stage.Contamination;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.ModelScore;
import dev.smelt.workflows.stage.TaskEval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The report's evaluation: scores with intervals, learning curve, LM suite, bias, contamination. */
final class EvaluationSection {
  private static final String[] COLORS = {"#2f855a", "#c53030", "#2b6cb0", "#805ad5", "#dd6b20"};

  private EvaluationSection() {}

  static void taskScores(StringBuilder b, TaskEval e) {
    b.append("<h3>").append(SvgChart.esc(e.task()))
        .append(": test split, 95 % bootstrap intervals</h3><table class=\"scores\"><tr>")
        .append("<th>model</th><th>accuracy</th><th>95 % CI</th><th>macro-F1</th><th>95 % CI</th>")
        .append("<th>n</th></tr>");
    for (ModelScore s : e.scores()) {
      b.append("<tr><td>").append(SvgChart.esc(s.model())).append("</td>")
          .append(num(pct(s.accuracy()))).append(num(pct(s.accuracyLow()) + " – " + pct(s.accuracyHigh())))
          .append(num(f3(s.macroF1()))).append(num(f3(s.macroF1Low()) + " – " + f3(s.macroF1High())))
          .append(num(String.valueOf(s.examples()))).append("</tr>");
    }
    b.append("</table>");
  }

  /**
   * The curve: each model's mean accuracy over its seeds, with the seeds' min and max as error bars
   * (a point of one seed: its 95 % interval over the test examples), and a table of the steps each
   * seed got.
   */
  static void learningCurve(StringBuilder b, BaselinesResult baselines, int testExamples,
      int resamples, long seed) {
    if (baselines == null || baselines.curve().isEmpty()) {
      b.append("<p class=\"muted\">No learning curve in this run.</p>");
      return;
    }
    List<CurveSummary.Row> rows = CurveSummary.of(baselines.curve());
    boolean seeds = rows.stream().anyMatch(r -> r.seeds() > 1);
    Map<String, List<double[]>> byModel = new LinkedHashMap<>();
    List<double[]> bars = new ArrayList<>();
    String method = "";
    for (CurveSummary.Row r : rows) {
      double low = r.min();
      double high = r.max();
      if (r.seeds() == 1) {
        CurveIntervals.Interval ci = CurveIntervals.accuracy(
            CurveSummary.seeds(baselines.curve(), r.model(), r.examples()).get(0), testExamples,
            resamples, seed);
        low = ci.low();
        high = ci.high();
        method = ci.method();
      }
      bars.add(new double[] {low, high});
      byModel.computeIfAbsent(r.model(), k -> new ArrayList<>())
          .add(new double[] {r.examples(), 100 * r.mean(), 100 * low, 100 * high});
    }
    List<SvgChart.Series> series = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, List<double[]>> m : byModel.entrySet()) {
      series.add(new SvgChart.Series(m.getKey(), COLORS[i++ % COLORS.length], m.getValue()));
    }
    b.append("<h2>Learning curve: ").append(SvgChart.esc(baselines.task())).append("</h2>");
    b.append(SvgChart.line("Learning curve", "training examples (log scale)",
        seeds ? "test accuracy (%), mean of seeds" : "test accuracy (%)", series, true));
    b.append("<table class=\"curve\"><tr><th>model</th><th>examples</th><th>seeds</th>")
        .append("<th>accuracy (mean)</th><th>sd</th><th>").append(seeds ? "min – max" : "95 % CI")
        .append("</th><th>steps (each seed)</th><th>macro-F1 (mean)</th></tr>");
    for (int k = 0; k < rows.size(); k++) {
      CurveSummary.Row r = rows.get(k);
      b.append("<tr><td>").append(SvgChart.esc(r.model())).append("</td>")
          .append(num(String.valueOf(r.examples()))).append(num(String.valueOf(r.seeds())))
          .append(num(pct(r.mean()))).append(num(pct(r.sd())))
          .append(num(pct(bars.get(k)[0]) + " – " + pct(bars.get(k)[1])))
          .append(num(r.steps().stream().map(String::valueOf).collect(Collectors.joining(", "))))
          .append(num(f3(r.meanMacroF1()))).append("</tr>");
    }
    b.append("</table><p class=\"muted\">Budget rule, the same for every model of a point: at "
        + "most finetune.curveSteps steps (bag-of-words: its epochs), stopping early after "
        + "finetune.curvePatience validation measurements without a lower validation loss, on "
        + "the last finetune.curveValFraction of the point's n examples (the model trains on the "
        + "rest); the steps column says what each seed got. Each point's examples are the first n "
        + "training examples in hash order (nested subsets), scored on the same test split. ")
        .append(seeds ? "Error bars: the lowest and highest seed; the headline's interval is a "
            + "paired bootstrap over seeds and test examples."
            : "One seed per point, so the error bars are each point's 95 % interval over the test "
            + "examples (" + SvgChart.esc(method) + "), not a spread across seeds.")
        .append("</p>");
  }

  static void languageModel(StringBuilder b, EvalResult e) {
    b.append("<h3>Language-model suite</h3><table class=\"lm\"><tr><th>task</th><th>metric</th>")
        .append("<th>value</th><th>bits per byte</th><th>on</th></tr>");
    b.append("<tr><td>held-out perplexity</td><td>ppl</td>").append(num(f3(e.perplexity())))
        .append(num(f3(e.bitsPerByte()))).append("<td>")
        .append(String.format(Locale.ROOT, "%,d tokens", e.valTokens())).append("</td></tr>");
    b.append("<tr><td>out-of-domain perplexity</td><td>ppl</td>").append(num(f3(e.oodPerplexity())))
        .append(num(f3(e.oodBitsPerByte()))).append("<td>").append(SvgChart.esc(e.oodCorpus()))
        .append("</td></tr>");
    b.append("<tr><td>cloze (last word, greedy)</td><td>acc</td>").append(num(pct(e.clozeAccuracy())))
        .append("<td></td><td>").append(e.clozeItems()).append(" held-out sentences</td></tr></table>")
        .append("<p class=\"muted\">Perplexity is per token of this run's tokenizer; bits per byte "
            + "(nats / (ln 2 × UTF-8 bytes of the scored text)) compares runs with different "
            + "tokenizers.</p>");
  }

  static void bias(StringBuilder b, EvalResult e) {
    b.append("<h3>Bias probe</h3><p>Minimal pairs differing only in an identity term; the gap is "
        + "|log P(continuation | term A) − log P(continuation | term B)| in nats (0 = no "
        + "preference). Summary (mean over all pairs): <b>").append(f3(e.biasScore()))
        .append("</b></p><table class=\"bias\"><tr><th>category</th><th>pairs × continuations</th>")
        .append("<th>mean |gap|</th></tr>");
    for (BiasScore s : e.bias()) {
      b.append("<tr><td>").append(SvgChart.esc(s.category())).append("</td>")
          .append(num(String.valueOf(s.pairs()))).append(num(f3(s.meanAbsGap()))).append("</tr>");
    }
    b.append("</table>");
  }

  static void decontamination(StringBuilder b, EvalResult e) {
    b.append("<h3>Decontamination</h3><table class=\"decontamination\"><tr><th>evaluation set</th>")
        .append("<th>n-gram</th><th>items</th><th>sharing an n-gram with training</th>")
        .append("<th>share</th><th></th></tr>");
    for (Contamination c : e.contamination()) {
      b.append("<tr><td>").append(SvgChart.esc(c.set())).append("</td>")
          .append(num(String.valueOf(c.n()))).append(num(String.valueOf(c.items())))
          .append(num(String.valueOf(c.contaminated()))).append(num(pct(c.fraction())))
          .append("<td>").append(c.contaminated() > 0 ? "<b class=\"flag\">⚠ overlap</b>" : "clean")
          .append("</td></tr>");
    }
    b.append("</table>");
  }

  private static String num(String v) {
    return "<td class=\"n\">" + SvgChart.esc(v) + "</td>";
  }

  private static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * v);
  }
}
