package dev.smelt.pipeline.language;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.settings.filter.LanguageSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Runs one detector setup over the language-id set (examples/scripts/build-langid-set.sh) on one
 * thread and writes its answers, one TSV row per document, plus a line of cost figures. One JVM
 * per detector, so that its resident memory is its own. {@link ComparisonTable} reads the rows.
 *
 * <pre>java -cp … dev.smelt.pipeline.language.DetectorComparison DETECTOR SET_DIR OUT_DIR [PER_LANGUAGE [CANDIDATES]]</pre>
 *
 * <p>PER_LANGUAGE caps the documents of each non-English language and set (English is always
 * whole: its rejects are counted in tenths of a percent). Speed is per CPU second of the
 * whole process (GC included), so a busy machine slows the wall clock, not the figure; model
 * heap is what the detector keeps alive after a full GC, VmHWM the process's resident peak.
 */
public final class DetectorComparison {
  private DetectorComparison() {}

  /** One labelled document of the set. */
  record LabelledDoc(String set, String id, String lang, String text) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: DetectorComparison DETECTOR SET_DIR OUT_DIR [PER_LANGUAGE [CANDIDATES,…]]");
      System.exit(2);
    }
    ComparedDetector detector = ComparedDetector.of(args[0]);
    Path set = Path.of(args[1]);
    Path out = Files.createDirectories(Path.of(args[2]));
    int perLanguage = args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
    List<String> candidates = args.length > 4 ? List.of(args[4].split(","))
        : LanguageSettings.ALL_CANDIDATES;
    List<LabelledDoc> docs = new ArrayList<>(read(set.resolve("long.jsonl"), "long", perLanguage));
    docs.addAll(read(set.resolve("short.jsonl"), "short", perLanguage));

    long heapBefore = heapAfterGc();
    long buildStart = System.nanoTime();
    Function<String, LanguageShares> shares = detector.build(candidates);
    shares.apply("The detector is warmed up on one sentence of English.");
    double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
    long modelHeap = heapAfterGc() - heapBefore;

    String name = detector.key() + (args.length > 4 ? "-" + candidates.size() : "");
    long chars = 0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long processCpuStart = processCpuNanos();
    long start = System.nanoTime();
    try (BufferedWriter w = Files.newBufferedWriter(out.resolve(name + ".tsv"), StandardCharsets.UTF_8)) {
      for (LabelledDoc d : docs) {
        LanguageShares s = shares.apply(d.text());
        double en = s.shareOf(List.of("en"));
        w.write(String.join("\t", d.set(), d.id(), d.lang(), s.dominant(),
            String.format(Locale.ROOT, "%.3f", en), s.toString()));
        w.newLine();
        chars += d.text().length();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    double processCpu = (processCpuNanos() - processCpuStart) / 1e9;
    String cost = String.format(Locale.ROOT,
        "detector=%s docs=%d chars=%d wall_s=%.1f thread_cpu_s=%.1f process_cpu_s=%.1f"
            + " docs_per_cpu_s=%.1f build_s=%.1f model_heap_mb=%d vm_hwm_mb=%d",
        name, docs.size(), chars, seconds, cpu, processCpu, docs.size() / processCpu, buildSeconds,
        modelHeap >> 20, residentPeakKb() / 1024);
    Files.writeString(out.resolve(name + ".cost"), cost + "\n");
    System.out.println(cost);
  }

  static List<LabelledDoc> read(Path jsonl, String set, int perLanguage) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<LabelledDoc> docs = new ArrayList<>();
    Map<String, Integer> taken = new HashMap<>();
    for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
      JsonNode n = json.readTree(line);
      String lang = n.get("lang").asText();
      if (lang.equals("en") || taken.merge(lang, 1, Integer::sum) <= perLanguage) {
        docs.add(new LabelledDoc(set, n.get("id").asText(), lang, n.get("text").asText()));
      }
    }
    return docs;
  }

  /** Heap in use after a full collection: what the process keeps alive. */
  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** CPU time of the whole process, GC and compiler threads included. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** VmHWM: the most resident memory this process has held, in kB (Linux). */
  static long residentPeakKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
