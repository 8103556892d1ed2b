package dev.smelt.pipeline.dedup.minhash;

import dev.smelt.pipeline.dedup.TextHash;
import dev.smelt.pipeline.doc.Doc;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic corpus with planted near-duplicate clusters: {@code clusters} base texts of 300
 * pseudo-words, each with {@code copiesPerCluster} copies with 3 words substituted (true 5-shingle
 * Jaccard about 0.9, candidate odds at 14 × 8 above 0.999), and unrelated texts (Jaccard about 0).
 */
final class PlantedClusters {
  final List<Doc> docs = new ArrayList<>();
  /** Per cluster, its documents; the one with the smallest content hash must survive. */
  final List<List<Doc>> clusters = new ArrayList<>();

  PlantedClusters(int clusters, int copiesPerCluster, int unrelated, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int c = 0; c < clusters; c++) {
      List<String> base = words(random, 300);
      List<Doc> members = new ArrayList<>();
      members.add(new Doc("c" + c + "-0", "planted", String.join(" ", base)));
      for (int k = 1; k <= copiesPerCluster; k++) {
        List<String> copy = new ArrayList<>(base);
        for (int s = 0; s < 3; s++) {
          copy.set(random.nextInt(copy.size()), word(random));
        }
        members.add(new Doc("c" + c + "-" + k, "planted", String.join(" ", copy)));
      }
      this.clusters.add(members);
      docs.addAll(members);
    }
    for (int u = 0; u < unrelated; u++) {
      docs.add(new Doc("u" + u, "planted", String.join(" ", words(random, 300))));
    }
  }

  static Doc survivor(List<Doc> cluster) {
    Doc best = cluster.get(0);
    for (Doc d : cluster) {
      if (TextHash.sha256(d.text()).compareTo(TextHash.sha256(best.text())) < 0) {
        best = d;
      }
    }
    return best;
  }

  private static List<String> words(SplittableRandom random, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(word(random));
    }
    return out;
  }

  /** One of about 20^4 = 160,000 pseudo-words, so unrelated texts share almost no 5-grams. */
  private static String word(SplittableRandom random) {
    StringBuilder w = new StringBuilder();
    int len = 2 + random.nextInt(3);
    for (int i = 0; i < len; i++) {
      w.append("bcdfghklmnprstvz".charAt(random.nextInt(16))).append("aeiou".charAt(random.nextInt(5)));
    }
    return w.toString();
  }
}
