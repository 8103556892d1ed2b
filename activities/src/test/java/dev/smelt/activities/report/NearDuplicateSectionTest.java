package dev.smelt.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.dedup.minhash.LshBands;
import dev.smelt.pipeline.dedup.minhash.NearDuplicateCluster;
import dev.smelt.pipeline.dedup.minhash.NearDuplicateCluster.Member;
import dev.smelt.pipeline.dedup.minhash.NearDuplicateReport;
import dev.smelt.pipeline.dedup.minhash.SCurvePoint;
import dev.smelt.settings.filter.FuzzyDedupSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearDuplicateSectionTest {
  @TempDir Path dir;

  @Test
  void listsTheLargestClustersWithSurvivorRemovedSampleAndTheMeasuredQuality() {
    FuzzyDedupSettings s = FuzzyDedupSettings.PUBLISHED;
    NearDuplicateReport report = new NearDuplicateReport(s, LshBands.of(s).threshold(), 2, 7,
        List.of(new SCurvePoint(0.9, 1.0, 0.99, 4, 1.0)),
        List.of(new NearDuplicateCluster(new Member("kept-1", "web/a", "Dear <reader>"), 5,
                List.of(new Member("gone-1", "web/b", "Dear reader,"), new Member("gone-2", "web/c", "x"),
                    new Member("gone-3", "web/d", "y"))),
            new NearDuplicateCluster(new Member("kept-2", "web/e", "z"), 2,
                List.of(new Member("gone-4", "web/f", "w")))),
        new NearDuplicateReport.Quality(0.75, 600, 300, 600, 290, 5, 10, 0.983, 0.967));
    Path file = dir.resolve(NearDuplicateReport.FILE);
    report.write(file);
    StringBuilder html = new StringBuilder();
    NearDuplicateSection.write(html, file);
    String page = html.toString();

    assertTrue(page.contains("2 clusters holding 7 documents; 5 removed"), page);
    assertTrue(page.indexOf("kept-1") < page.indexOf("gone-1") && page.contains("gone-3"), page);
    assertTrue(page.contains("… and 1 more"), "5 members: 1 kept, 3 shown, 1 more");
    assertTrue(page.contains("Dear &lt;reader&gt;"), "snippets are escaped");
    assertTrue(page.contains("precision 0.983, recall 0.967"), page);
    assertTrue(page.contains("measured"), "the measured S-curve is drawn beside the theoretical one");
  }

  @Test
  void writesNothingWhenFuzzyDedupDidNotRun() {
    StringBuilder html = new StringBuilder();
    NearDuplicateSection.write(html, dir.resolve(NearDuplicateReport.FILE));
    assertEquals("", html.toString());
  }
}
