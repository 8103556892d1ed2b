package dev.smelt.activities.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * "Compared with the previous model": for a warm-started run, the model it began from and this
 * run's, on the same evaluation (eval/previous.json, written by the evaluation stage).
 */
final class PreviousModelSection {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PreviousModelSection() {}

  static void write(StringBuilder b, Path previousJson) throws IOException {
    if (!Files.isRegularFile(previousJson)) {
      return; // not a warm start
    }
    JsonNode p = JSON.readTree(previousJson.toFile());
    String run = p.path("previousRun").asText();
    String ppl = p.path("pseudo").asBoolean() ? "Held-out pseudo-perplexity" : "Held-out perplexity";
    b.append("<h3>Compared with the previous model</h3><p>This run was warm-started from run <b>")
        .append(SvgChart.esc(run)).append("</b>'s pre-trained model (<code>")
        .append(SvgChart.esc(p.path("initFrom").asText())).append("</code>) and trained on with a "
            + "fresh optimizer. Both are scored on this run's held-out data and test split.</p>")
        .append("<table><tr><th></th><th>previous (").append(SvgChart.esc(run))
        .append(")</th><th>this run</th><th>change</th></tr>");
    row(b, ppl + " (lower is better)", p.path("previousPerplexity").asDouble(),
        p.path("perplexity").asDouble(), false);
    row(b, p.path("task").asText() + " accuracy, " + p.path("testExamples").asInt()
        + " test examples", p.path("previousAccuracy").asDouble(Double.NaN),
        p.path("accuracy").asDouble(), true);
    b.append("</table>");
    if (Double.isNaN(p.path("previousAccuracy").asDouble(Double.NaN))) {
      b.append("<p class=\"muted\">Run ").append(SvgChart.esc(run))
          .append(" has no fine-tuned classifier left to score.</p>");
    }
  }

  private static void row(StringBuilder b, String what, double before, double now,
      boolean percent) {
    b.append("<tr><th>").append(SvgChart.esc(what)).append("</th><td class=\"n\">")
        .append(shown(before, percent)).append("</td><td class=\"n\">").append(shown(now, percent))
        .append("</td><td class=\"n\">")
        .append(Double.isNaN(before) ? "–" : (now >= before ? "+" : "−")
            + shown(Math.abs(now - before), percent))
        .append("</td></tr>");
  }

  private static String shown(double v, boolean percent) {
    return Double.isNaN(v) ? "–" : percent ? String.format(Locale.ROOT, "%.1f %%", 100 * v)
        : String.format(Locale.ROOT, "%.3f", v);
  }
}
