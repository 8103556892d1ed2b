package dev.smelt.pipeline.dedup.minhash;

/**
 * One point of the S-curve: for pairs of true Jaccard similarity in [{@code jaccardFrom},
 * {@code jaccardTo}), the theoretical probability of becoming an LSH candidate at the bucket's
 * middle and, when measured on a labelled set, the share of {@code pairs} that were removed.
 */
public record SCurvePoint(
    double jaccardFrom, double jaccardTo, double theoretical, long pairs, Double measured) {

  /** The theoretical curve 1 − (1 − s^rows)^bands in {@code buckets} equal steps over [0, 1]. */
  public static java.util.List<SCurvePoint> theoretical(LshBands lsh, int buckets) {
    java.util.List<SCurvePoint> out = new java.util.ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      double from = (double) i / buckets;
      double to = (double) (i + 1) / buckets;
      out.add(new SCurvePoint(from, to, lsh.candidateProbability((from + to) / 2), 0, null));
    }
    return out;
  }
}
