package dev.smelt.pipeline.dedup.minhash;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.pipeline.data.DataPipeline;
import dev.smelt.pipeline.data.DataPipelineSpec;
import dev.smelt.pipeline.data.DataStats;
import dev.smelt.settings.filter.FuzzyDedupSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The fuzzy_dedup benchmark infra/bench/minhash runs (a measurement, never a test):
 * {@code signatures FILE.jsonl[.gz]…} prints MinHash signature throughput of one thread (shingle
 * hashes, 112 permutations, 14 band keys) in GB of UTF-8 text per core-hour, from the thread's CPU
 * time, so a busy machine does not lower it; {@code stage CORPUS DATA_DIR} runs the data stage with
 * only fuzzy_dedup and prints the peak heap seen (sampled every 10 ms, and the sum of pool peaks).
 */
public final class MinHashBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MinHashBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("signatures")) {
      signatures(texts(args));
    } else if (args.length == 3 && args[0].equals("stage")) {
      stage(Path.of(args[1]), Path.of(args[2]));
    } else {
      System.err.println("usage: MinHashBench signatures FILE.jsonl[.gz]... | stage CORPUS DATA_DIR");
      System.exit(2);
    }
  }

  private static List<String> texts(String[] args) throws IOException {
    List<String> texts = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Path file = Path.of(args[i]);
      var in = Files.newInputStream(file);
      try (BufferedReader r = new BufferedReader(new InputStreamReader(
          file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          texts.add(JSON.readTree(line).path("text").asText());
        }
      }
    }
    return texts;
  }

  private static void signatures(List<String> texts) {
    FuzzyDedupSettings s = FuzzyDedupSettings.PUBLISHED;
    MinHasher minHasher = MinHasher.of(s);
    long bytes = texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int warm = 0; warm < 2; warm++) {
      sink += pass(texts, s, minHasher);
    }
    int repeats = 5;
    long cpu0 = threads.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    for (int i = 0; i < repeats; i++) {
      sink += pass(texts, s, minHasher);
    }
    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double wall = (System.nanoTime() - wall0) / 1e9;
    double total = (double) bytes * repeats;
    System.out.printf("signatures: %,d documents, %,d bytes x %d repeats, %s %d-shingles, %d x %d%n",
        texts.size(), bytes, repeats, s.shingle().configName(), s.shingleSize(), s.bands(), s.rows());
    System.out.printf("  %.1f MB/s per core (thread CPU time %.2f s; wall %.2f s)%n",
        total / cpu / 1e6, cpu, wall);
    System.out.printf("  %.1f GB per core-hour (target >= 10; DataTrove's signature stage ~3)%n",
        total / cpu * 3600 / 1e9);
    System.out.println("  (checksum " + Long.toHexString(sink) + ")");
  }

  private static long pass(List<String> texts, FuzzyDedupSettings s, MinHasher minHasher) {
    long sink = 0;
    for (String text : texts) {
      long[] keys = LshBands.of(s).bucketKeys(minHasher.signature(ShingleHashes.of(s.shingle(), text, s.shingleSize(), s.seed())));
      sink += keys.length == 0 ? 0 : keys[0];
    }
    return sink;
  }

  private static void stage(Path corpus, Path dataDir) throws InterruptedException {
    AtomicLong peak = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    sampler.start();
    long start = System.nanoTime();
    DataStats stats = DataPipeline.run(new DataPipelineSpec(List.of(corpus), dataDir, 1, 10_000_000,
        "DirectRunner", List.of(), List.of(FuzzyDedup.STAGE), null, null), p -> {});
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.interrupt();
    sampler.join();
    long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf("stage: %,d documents read, %,d removed as near-duplicates, %.1f s wall%n",
        stats.read(), stats.rejected(), seconds);
    System.out.printf("  peak heap used %,d MB sampled (sum of heap pool peaks %,d MB) of -Xmx %,d MB%n",
        peak.get() >> 20, poolPeaks >> 20, max >> 20);
  }
}
