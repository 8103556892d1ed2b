package dev.smelt.activities.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The corpus bias report of the data stage (data/bias.json): how often identity and gendered
 * terms occur in kept and in dropped text, so a filter that drops one group's text shows.
 */
final class CorpusBiasSection {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CorpusBiasSection() {}

  static void write(StringBuilder b, Path biasJson) throws IOException {
    b.append("<h2>Corpus bias report</h2>");
    if (!Files.exists(biasJson)) {
      b.append("<p class=\"muted\">No data/bias.json: the data stage counted no identity terms.</p>");
      return;
    }
    JsonNode bias = JSON.readTree(biasJson.toFile());
    List<SvgChart.Bar> bars = new ArrayList<>();
    b.append("<table><tr><th>category</th><th>kept</th><th>per million kept words</th>")
        .append("<th>dropped</th><th>per million dropped words</th><th>dropped ÷ kept rate</th></tr>");
    for (JsonNode c : bias.path("categories")) {
      String name = c.path("category").asText();
      bars.add(new SvgChart.Bar(name + " (per million kept words)",
          c.path("kept_per_million").asDouble(), "#2b6cb0"));
      b.append("<tr><td>").append(SvgChart.esc(name)).append("</td><td class=\"n\">")
          .append(c.path("kept").asLong()).append("</td><td class=\"n\">")
          .append(num(c.path("kept_per_million"))).append("</td><td class=\"n\">")
          .append(c.path("dropped").asLong()).append("</td><td class=\"n\">")
          .append(num(c.path("dropped_per_million"))).append("</td><td class=\"n\">")
          .append(num(c.path("dropped_to_kept_ratio"))).append("</td></tr>");
    }
    b.append("</table>");
    b.append(SvgChart.hbars("Identity and gendered terms in kept text", bars));
    b.append(String.format(Locale.ROOT,
        "<p>%,d words kept, %,d dropped. Female-to-male term ratio: %s in kept text, %s in dropped "
            + "text. A dropped ÷ kept rate well above 1 means the filters remove that group's "
            + "mentions more often than others'.</p>",
        bias.path("kept_words").asLong(), bias.path("dropped_words").asLong(),
        num(bias.path("female_to_male").path("kept")),
        num(bias.path("female_to_male").path("dropped"))));
  }

  private static String num(JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%.2f", n.asDouble()) : "–";
  }
}
