package dev.smelt.pipeline.dedup.minhash;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.smelt.settings.filter.FuzzyDedupSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * data/near_duplicates.json: what the {@code fuzzy_dedup} stage found, for stats.json and the
 * report. {@code quality} is null unless the run was measured against a labelled set.
 *
 * @param threshold the S-curve's threshold estimate (1/bands)^(1/rows)
 * @param clusters components with two or more members
 * @param documentsInClusters their members; {@code documentsInClusters − clusters} were removed
 * @param sCurve removal odds by true Jaccard: theoretical, and measured where quality is known
 * @param largest the largest components, largest first (ties: smaller survivor hash first)
 */
public record NearDuplicateReport(
    FuzzyDedupSettings settings, double threshold, long clusters, long documentsInClusters,
    List<SCurvePoint> sCurve, List<NearDuplicateCluster> largest, Quality quality) {
  public static final String FILE = "near_duplicates.json";
  public static final int LARGEST = 20;
  public static final int S_CURVE_BUCKETS = 10;

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Precision and recall of the removal on a labelled set of (original, edited copy) pairs plus
   * unrelated documents. A pair is a true near-duplicate when its shingle Jaccard is at least
   * {@code labelJaccard}; it counts as removed when one member was removed naming the other.
   *
   * @param falsePositives removed pairs below labelJaccard, plus any other document removed
   */
  public record Quality(double labelJaccard, long pairs, long positivePairs, long unrelatedDocuments,
      long truePositives, long falsePositives, long falseNegatives, double precision,
      double recall) {}

  public NearDuplicateReport withMeasurement(Quality measured, List<SCurvePoint> measuredCurve) {
    return new NearDuplicateReport(settings, threshold, clusters, documentsInClusters,
        measuredCurve, largest, measured);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the near-duplicate report: " + e.getMessage(), e);
    }
  }

  public static NearDuplicateReport read(Path file) {
    try {
      return JSON.readValue(file.toFile(), NearDuplicateReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public void write(Path file) {
    try {
      JSON.writeValue(file.toFile(), this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
