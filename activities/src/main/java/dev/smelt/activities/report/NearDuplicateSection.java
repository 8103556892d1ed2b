package dev.smelt.activities.report;

import dev.smelt.pipeline.dedup.minhash.NearDuplicateCluster;
import dev.smelt.pipeline.dedup.minhash.NearDuplicateReport;
import dev.smelt.pipeline.dedup.minhash.SCurvePoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The near-duplicate section (data/near_duplicates.json): the largest clusters with their survivor
 * and a sample of what was removed, so a person can see what went, and the S-curve of the chosen
 * bands × rows (measured beside it when the run was scored on a labelled set).
 */
final class NearDuplicateSection {
  private NearDuplicateSection() {}

  static void write(StringBuilder b, Path nearDuplicatesJson) {
    if (!Files.exists(nearDuplicatesJson)) {
      return; // fuzzy_dedup was not in data.filters
    }
    NearDuplicateReport r = NearDuplicateReport.read(nearDuplicatesJson);
    b.append("<h2>Near-duplicates</h2>");
    b.append(String.format(Locale.ROOT,
        "<p>MinHash-LSH over %s %d-shingles, %d bands × %d rows (threshold ≈ %.2f)%s: %,d clusters "
            + "holding %,d documents; %,d removed as <code>NEAR_DUPLICATE</code>, the member with "
            + "the smallest content hash of each cluster kept.</p>",
        r.settings().shingle().configName(), r.settings().shingleSize(), r.settings().bands(),
        r.settings().rows(), r.threshold(),
        r.settings().minJaccard() > 0 ? String.format(Locale.ROOT, ", candidates checked at Jaccard ≥ %.2f",
            r.settings().minJaccard()) : "",
        r.clusters(), r.documentsInClusters(), r.documentsInClusters() - r.clusters()));
    clusters(b, r.largest());
    quality(b, r);
  }

  private static void clusters(StringBuilder b, List<NearDuplicateCluster> largest) {
    if (largest.isEmpty()) {
      b.append("<p class=\"muted\">No near-duplicates found.</p>");
      return;
    }
    b.append("<h3>Largest clusters</h3><table><tr><th>size</th><th>kept</th><th>removed (sample)</th></tr>");
    for (NearDuplicateCluster c : largest) {
      b.append("<tr><td class=\"n\">").append(c.size()).append("</td><td>").append(member(c.survivor()))
          .append("</td><td>");
      c.removedSample().forEach(m -> b.append(member(m)));
      if (c.size() - 1 > c.removedSample().size()) {
        b.append("<span class=\"muted\">… and ").append(c.size() - 1 - c.removedSample().size())
            .append(" more</span>");
      }
      b.append("</td></tr>");
    }
    b.append("</table>");
  }

  private static String member(NearDuplicateCluster.Member m) {
    return "<div><code>" + SvgChart.esc(m.docId()) + "</code> <span class=\"muted\">"
        + SvgChart.esc(m.source()) + "</span><br>" + SvgChart.esc(m.snippet()) + "</div>";
  }

  private static void quality(StringBuilder b, NearDuplicateReport r) {
    List<double[]> theory = new ArrayList<>();
    List<double[]> measured = new ArrayList<>();
    for (SCurvePoint p : r.sCurve()) {
      double mid = (p.jaccardFrom() + p.jaccardTo()) / 2;
      theory.add(new double[] {mid, p.theoretical()});
      if (p.measured() != null) {
        measured.add(new double[] {mid, p.measured()});
      }
    }
    List<SvgChart.Series> series = new ArrayList<>();
    series.add(new SvgChart.Series("1−(1−s^r)^b", "#2b6cb0", theory));
    if (!measured.isEmpty()) {
      series.add(new SvgChart.Series("measured", "#dd6b20", measured));
    }
    b.append(SvgChart.line("Probability of removal vs true Jaccard", "Jaccard similarity",
        "P(removed)", series));
    NearDuplicateReport.Quality q = r.quality();
    if (q != null) {
      b.append(String.format(Locale.ROOT,
          "<p>On a labelled set of %,d pairs (%,d at Jaccard ≥ %.2f) and %,d unrelated documents: "
              + "precision %.3f, recall %.3f.</p>",
          q.pairs(), q.positivePairs(), q.labelJaccard(), q.unrelatedDocuments(), q.precision(),
          q.recall()));
    }
  }
}
