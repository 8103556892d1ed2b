package dev.smelt.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.data.DataStats;
import dev.smelt.pipeline.data.StatsJson;
import dev.smelt.pipeline.language.LanguageCount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguagesSectionTest {
  @TempDir Path data;

  @Test
  void tablesEveryLanguageFromStatsJsonWithKeptAndDroppedDocsAndBytes() throws IOException {
    List<LanguageCount> languages = List.of(
        new LanguageCount("en", 270, 4_100_000, 2, 900), new LanguageCount("ja", 0, 0, 31, 95_000));
    StatsJson.write(new DataStats(303, 270, 33, 4_100_000, List.of(), 1.0, List.of("read", "language"),
        List.of(), List.of(), languages), data);
    assertEquals(languages, StatsJson.read(data).languages());

    StringBuilder b = new StringBuilder();
    LanguagesSection.write(b, data.resolve(StatsJson.FILE));
    String html = b.toString();
    assertTrue(html.contains("<tr><td>ja</td><td class=\"n\">0</td><td class=\"n\">0</td>"
        + "<td class=\"n\">31</td><td class=\"n\">95,000</td></tr>"), html);
    assertTrue(html.contains("<td>en</td><td class=\"n\">270</td><td class=\"n\">4,100,000</td>"), html);
  }

  @Test
  void writesNothingWithoutALanguageStage() throws IOException {
    StatsJson.write(new DataStats(1, 1, 0, 10, List.of(), 1.0, List.of("read"), List.of(), List.of()), data);
    StringBuilder b = new StringBuilder();
    LanguagesSection.write(b, data.resolve(StatsJson.FILE));
    assertEquals("", b.toString());
  }
}
