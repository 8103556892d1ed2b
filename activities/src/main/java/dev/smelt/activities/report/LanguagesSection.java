package dev.smelt.activities.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The languages the language stage saw (data/stats.json {@code languages}): per dominant
 * language, documents and bytes kept and dropped, so a person sees what went.
 */
final class LanguagesSection {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LanguagesSection() {}

  static void write(StringBuilder b, Path statsJson) throws IOException {
    JsonNode languages = Files.exists(statsJson)
        ? JSON.readTree(statsJson.toFile()).path("languages") : JSON.createArrayNode();
    if (languages.isEmpty()) {
      return; // no language stage in the chain
    }
    b.append("<h3>Languages seen by the language filter</h3>")
        .append("<table><tr><th>language</th><th>kept docs</th><th>kept bytes</th>")
        .append("<th>dropped docs</th><th>dropped bytes</th></tr>");
    for (JsonNode l : languages) {
      b.append("<tr><td>").append(SvgChart.esc(l.path("language").asText())).append("</td>");
      for (String field : new String[] {"kept_docs", "kept_bytes", "dropped_docs", "dropped_bytes"}) {
        b.append("<td class=\"n\">").append(String.format(Locale.ROOT, "%,d", l.path(field).asLong())).append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</table><p class=\"muted\">A document counts under the language holding most of its "
        + "prose; \"und\" is prose the detector could not place. Dropped documents are in "
        + "<code>data/rejects/</code> with their language shares as the detail.</p>");
  }
}
