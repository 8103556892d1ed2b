package dev.smelt.activities.report;

import dev.smelt.workflows.stage.BaselinesResult;
import dev.smelt.workflows.stage.BiasScore;
import dev.smelt.workflows.stage.Contamination;
import dev.smelt.workflows.stage.CurvePoint;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.ModelScore;
import dev.smelt.workflows.stage.TaskEval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  /** The curve with each point's 95 % interval as error bars, and the steps each model got. */
  static void learningCurve(StringBuilder b, BaselinesResult baselines, int testExamples,
      int resamples, long seed) {
    if (baselines == null || baselines.curve().isEmpty()) {
      b.append("<p class=\"muted\">No learning curve in this run.</p>");
      return;
    }
    Map<String, List<double[]>> byModel = new LinkedHashMap<>();
    List<CurveIntervals.Interval> cis = new ArrayList<>();
    for (CurvePoint p : baselines.curve()) {
      CurveIntervals.Interval ci = CurveIntervals.accuracy(p, testExamples, resamples, seed);
      cis.add(ci);
      byModel.computeIfAbsent(p.model(), k -> new ArrayList<>())
          .add(new double[] {p.examples(), 100 * p.accuracy(), 100 * ci.low(), 100 * ci.high()});
    }
    List<SvgChart.Series> series = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, List<double[]>> m : byModel.entrySet()) {
      series.add(new SvgChart.Series(m.getKey(), COLORS[i++ % COLORS.length], m.getValue()));
    }
    b.append("<h2>Learning curve: ").append(SvgChart.esc(baselines.task())).append("</h2>");
    b.append(SvgChart.line("Learning curve", "training examples (log scale)", "test accuracy (%)",
        series, true));
    b.append("<table class=\"curve\"><tr><th>model</th><th>examples</th><th>steps</th>")
        .append("<th>accuracy</th><th>95 % CI</th><th>macro-F1</th></tr>");
    for (int k = 0; k < baselines.curve().size(); k++) {
      CurvePoint p = baselines.curve().get(k);
      b.append("<tr><td>").append(SvgChart.esc(p.model())).append("</td>")
          .append(num(String.valueOf(p.examples()))).append(num(String.valueOf(p.steps())))
          .append(num(pct(p.accuracy())))
          .append(num(pct(cis.get(k).low()) + " – " + pct(cis.get(k).high())))
          .append(num(f3(p.macroF1()))).append("</tr>");
    }
    b.append("</table><p class=\"muted\">Budget rule: every neural model on the curve trains for "
        + "the same number of steps (finetune.curveSteps, or finetune.steps when that is 0) whatever "
        + "its number of examples; the steps column says what each got (bow_logreg counts epochs). "
        + "Each point trains on the first n training examples in hash order (nested subsets) and is "
        + "scored on the same test split. One seed per point, so the error bars are each point's "
        + "95 % interval over the test examples (").append(SvgChart.esc(cis.get(0).method()))
        .append("), not a spread across seeds.</p>");
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
