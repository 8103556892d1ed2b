package dev.smelt.pipeline.decontaminate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.settings.filter.DecontaminateSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Build time, memory and document throughput of the decontaminate filter; runs only when asked:
 * {@code mvn -pl pipeline test -Dtest=DecontaminateBench -Dsmelt.bench.corpus=examples/corpus/austen.jsonl.gz
 * [-Dsmelt.bench.ngrams=4000000]} (an evaluation set of that many random-word 13-grams: above
 * 2^20 it is a Bloom filter).
 */
class DecontaminateBench {
  @Test
  @EnabledIfSystemProperty(named = "smelt.bench.corpus", matches = ".+")
  void filtersTheCorpus() throws IOException {
    List<Doc> docs = read(Path.of(System.getProperty("smelt.bench.corpus")));
    int ngrams = Integer.getInteger("smelt.bench.ngrams", 4_000_000);
    String eval = randomWords(ngrams + 12, 7);
    long start = System.nanoTime();
    DecontaminateFilter f = DecontaminateFilter.of(DecontaminateSettings.PUBLISHED,
        List.of(new EvalSet("random", false, List.of(eval))));
    double build = (System.nanoTime() - start) / 1e9;
    long bytes = docs.stream().mapToLong(d -> d.text().getBytes(StandardCharsets.UTF_8).length).sum();
    for (int warm = 0; warm < 2; warm++) {
      docs.forEach(f::decide);
    }
    start = System.nanoTime();
    long flagged = docs.stream().map(f::decide).filter(d -> !(d instanceof Decision.Keep)).count();
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf("eval set: %,d 13-grams, built in %.2f s, %,d bytes serialized%n", ngrams, build,
        serializedBytes(f));
    System.out.printf("corpus: %,d docs, %,d bytes; filtered in %.2f s = %.1f MB/s; flagged %d%n",
        docs.size(), bytes, s, bytes / s / 1e6, flagged);
  }

  private static String randomWords(int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder b = new StringBuilder(count * 8);
    for (int i = 0; i < count; i++) {
      b.append("w").append(Integer.toString(r.nextInt(1 << 20), 36)).append(' ');
    }
    return b.toString();
  }

  private static long serializedBytes(Object o) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream w = new java.io.ObjectOutputStream(out)) {
      w.writeObject(o);
    }
    return out.size();
  }

  private static List<Doc> read(Path jsonlGz) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Doc> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(jsonlGz)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.add(new Doc(String.valueOf(out.size()), "bench", json.readTree(line).path("text").asText()));
      }
    }
    return out;
  }
}
