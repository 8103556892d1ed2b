package dev.smelt.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's "compared with the previous model" section, from eval/previous.json. */
class PreviousModelSectionTest {
  @TempDir Path dir;

  @Test
  void showsBothModelsOnTheSameEvaluationAndNothingForAColdRun() throws Exception {
    Path file = dir.resolve("previous.json");
    StringBuilder none = new StringBuilder();
    PreviousModelSection.write(none, file);
    assertEquals("", none.toString());

    Files.writeString(file, "{\"previousRun\":\"weekly-1\",\"initFrom\":\"weekly-1 sha256:ab\","
        + "\"pseudo\":false,\"perplexity\":20.5,\"previousPerplexity\":25.0,\"task\":\"sentiment\","
        + "\"accuracy\":0.8,\"previousAccuracy\":0.75,\"testExamples\":40}");
    StringBuilder b = new StringBuilder();
    PreviousModelSection.write(b, file);
    String html = b.toString();
    assertTrue(html.contains("<h3>Compared with the previous model</h3>"), html);
    assertTrue(html.contains("<th>Held-out perplexity (lower is better)</th><td class=\"n\">25.000"
        + "</td><td class=\"n\">20.500</td><td class=\"n\">−4.500</td>"), html);
    assertTrue(html.contains("<th>sentiment accuracy, 40 test examples</th><td class=\"n\">75.0 %"
        + "</td><td class=\"n\">80.0 %</td><td class=\"n\">+5.0 %</td>"), html);
  }
}
