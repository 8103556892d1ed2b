package dev.smelt.pipeline.dedup.minhash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.pipeline.data.DataPipeline;
import dev.smelt.pipeline.data.DataPipelineSpec;
import dev.smelt.pipeline.data.RejectedDocs;
import dev.smelt.pipeline.data.StatsJson;
import dev.smelt.pipeline.filter.Rejected;
import dev.smelt.settings.filter.FilterSettings;
import dev.smelt.settings.filter.FuzzyDedupSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures fuzzy_dedup on the labelled set of examples/scripts/make_near_duplicates.py: runs the
 * data stage with only fuzzy_dedup at the default settings (or another minJaccard), then prints
 * precision, recall and the measured S-curve beside the theoretical one and writes them into the
 * run's near_duplicates.json and stats.json. A measurement, not a test; infra/bench/minhash runs it.
 *
 * <pre>
 * java -cp … dev.smelt.pipeline.dedup.minhash.NearDuplicateQuality LABELLED_DIR DATA_DIR [MIN_JACCARD]
 * </pre>
 */
public final class NearDuplicateQuality {
  /** FineWeb's blog: its 14 × 8 MinHash "targets documents that are at least 75% similar". */
  static final double LABEL_JACCARD = 0.75;
  private static final ObjectMapper JSON = new ObjectMapper();

  private NearDuplicateQuality() {}

  record Pair(String original, String copy, String edit, double jaccard, boolean removed) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: NearDuplicateQuality LABELLED_DIR DATA_DIR [MIN_JACCARD]");
      System.exit(2);
    }
    Path labelled = Path.of(args[0]);
    Path data = Path.of(args[1]);
    FuzzyDedupSettings d = FuzzyDedupSettings.PUBLISHED;
    if (args.length > 2) {
      d = new FuzzyDedupSettings(d.shingle(), d.shingleSize(), d.bands(), d.rows(), d.seed(),
          Double.parseDouble(args[2]), d.maxRounds());
    }
    FilterSettings f = FilterSettings.DEFAULTS;
    FilterSettings settings = new FilterSettings(f.language(), f.gopherQuality(),
        f.gopherRepetition(), f.c4(), f.fineweb(), f.pii(), f.toxicity(), f.copyright(), d, f.decontaminate());
    DataPipeline.run(new DataPipelineSpec(List.of(labelled.resolve("corpus")), data, 1, 10_000_000,
        "DirectRunner", List.of(), List.of(FuzzyDedup.STAGE), settings, null), p -> {});

    Map<String, String> survivorOf = new HashMap<>();
    for (Rejected r : RejectedDocs.read(data)) {
      survivorOf.put(r.doc().docId(), r.detail().replace("near-duplicate of ", ""));
    }
    Map<String, String> texts = new HashMap<>();
    for (String line : Files.readAllLines(labelled.resolve("corpus/near_duplicates.jsonl"))) {
      JsonNode doc = JSON.readTree(line);
      texts.put(doc.get("id").asText(), doc.get("text").asText());
    }
    List<Pair> pairs = new ArrayList<>();
    double worstDisagreement = 0;
    for (String line : Files.readAllLines(labelled.resolve("pairs.jsonl"))) {
      JsonNode p = JSON.readTree(line);
      String o = p.get("original").asText();
      String c = p.get("copy").asText();
      double j = ShingleSets.jaccard(shingleSet(texts.get(o), d), shingleSet(texts.get(c), d));
      worstDisagreement = Math.max(worstDisagreement, Math.abs(j - p.get("jaccard").asDouble()));
      boolean removed = o.equals(survivorOf.get(c)) || c.equals(survivorOf.get(o));
      pairs.add(new Pair(o, c, p.get("edit").asText(), j, removed));
    }
    long unrelated = Files.readAllLines(labelled.resolve("unrelated.txt")).stream()
        .filter(s -> !s.isBlank()).count();
    NearDuplicateReport.Quality quality = quality(pairs, survivorOf.size(), unrelated);
    List<SCurvePoint> curve = measuredCurve(pairs, LshBands.of(d));
    Path reportFile = data.resolve(NearDuplicateReport.FILE);
    NearDuplicateReport.read(reportFile).withMeasurement(quality, curve).write(reportFile);
    StatsJson.write(StatsJson.read(data), data);
    print(d, quality, curve, worstDisagreement);
  }

  private static long[] shingleSet(String text, FuzzyDedupSettings d) {
    return ShingleSets.of(ShingleHashes.of(d.shingle(), text, d.shingleSize(), d.seed()));
  }

  /** Every removed document that is not one side of a removed pair is a false positive too. */
  static NearDuplicateReport.Quality quality(List<Pair> pairs, long removedDocs, long unrelated) {
    long positive = pairs.stream().filter(p -> p.jaccard() >= LABEL_JACCARD).count();
    long tp = pairs.stream().filter(p -> p.removed() && p.jaccard() >= LABEL_JACCARD).count();
    long removedPairs = pairs.stream().filter(Pair::removed).count();
    long fp = (removedPairs - tp) + (removedDocs - removedPairs);
    long fn = positive - tp;
    return new NearDuplicateReport.Quality(LABEL_JACCARD, pairs.size(), positive, unrelated, tp, fp,
        fn, tp + fp == 0 ? 1 : (double) tp / (tp + fp), positive == 0 ? 1 : (double) tp / positive);
  }

  static List<SCurvePoint> measuredCurve(List<Pair> pairs, LshBands lsh) {
    List<SCurvePoint> out = new ArrayList<>();
    for (SCurvePoint t : SCurvePoint.theoretical(lsh, NearDuplicateReport.S_CURVE_BUCKETS)) {
      boolean last = t.jaccardTo() >= 1;
      List<Pair> in = pairs.stream().filter(p -> p.jaccard() >= t.jaccardFrom()
          && (p.jaccard() < t.jaccardTo() || last)).toList();
      Double share = in.isEmpty() ? null : in.stream().filter(Pair::removed).count() / (double) in.size();
      out.add(new SCurvePoint(t.jaccardFrom(), t.jaccardTo(), t.theoretical(), in.size(), share));
    }
    return out;
  }

  private static void print(FuzzyDedupSettings d, NearDuplicateReport.Quality q,
      List<SCurvePoint> curve, double worstDisagreement) {
    System.out.printf("fuzzy_dedup %s %d-shingles, %d bands x %d rows, minJaccard %.2f%n",
        d.shingle().configName(), d.shingleSize(), d.bands(), d.rows(), d.minJaccard());
    System.out.printf("labelled: %d pairs (%d with Jaccard >= %.2f), %d unrelated documents%n",
        q.pairs(), q.positivePairs(), q.labelJaccard(), q.unrelatedDocuments());
    System.out.printf("precision %.3f (TP %d, FP %d)   recall %.3f (FN %d)%n",
        q.precision(), q.truePositives(), q.falsePositives(), q.recall(), q.falseNegatives());
    System.out.println("true Jaccard   pairs  removed  theory 1-(1-s^r)^b");
    for (SCurvePoint p : curve) {
      System.out.printf("[%.1f, %.1f%s  %5d   %s   %.3f%n", p.jaccardFrom(), p.jaccardTo(),
          p.jaccardTo() >= 1 ? "]" : ")", p.pairs(),
          p.measured() == null ? "  -  " : String.format("%.3f", p.measured()), p.theoretical());
    }
    System.out.printf("largest |Jaccard(generator) - Jaccard(stage shingles)|: %.4f%n", worstDisagreement);
  }
}
