package dev.smelt.pipeline.language;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.settings.filter.LanguageSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Where the language filter's time goes, on one thread: stripping code (segments) against
 * detection, per pass over a JSONL(.gz) corpus or a data stage's output (its clean documents: run
 * the data stage with the chain {@code length} to get what the language stage reads). Each pass
 * prints digests of the segments and shares, so two builds can be checked to answer alike. A
 * profile for a person, not a test.
 *
 * <pre>java -cp … dev.smelt.pipeline.language.LanguageCostProfile examples/corpus/austen.jsonl.gz [PASSES]
 * java -cp … dev.smelt.pipeline.language.LanguageCostProfile DATA_DIR [PASSES]</pre>
 */
public final class LanguageCostProfile {
  private LanguageCostProfile() {}

  public static void main(String[] args) throws IOException {
    List<String> texts = read(Path.of(args[0]));
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    LanguageFilter filter = new LanguageFilter(LanguageSettings.PUBLISHED);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long t0 = threads.getCurrentThreadCpuTime();
    filter.shares("The detector loads its models on this first sentence of English prose.");
    System.out.printf(Locale.ROOT, "first call (model loading) %.2f s%n", (threads.getCurrentThreadCpuTime() - t0) / 1e9);
    for (int pass = 1; pass <= passes; pass++) {
      long process = processCpuNanos();
      long strip = 0;
      long whole = 0;
      long segmentsDigest = 0;
      long sharesDigest = 0;
      for (String text : texts) {
        long a = threads.getCurrentThreadCpuTime();
        List<String> segments = ProseText.sampledSegments(text, LanguageSettings.PUBLISHED.sampleChars());
        long b = threads.getCurrentThreadCpuTime();
        LanguageShares shares = filter.shares(text);
        long c = threads.getCurrentThreadCpuTime();
        strip += b - a;
        whole += c - b;
        segmentsDigest = segmentsDigest * 31 + segments.hashCode();
        sharesDigest = sharesDigest * 31 + shares.letters().toString().hashCode();
      }
      System.out.printf(Locale.ROOT, "pass %d: %d docs, sampled strip %.2f s, shares (strip + detect) %.2f s%n",
          pass, texts.size(), strip / 1e9, whole / 1e9);
      // Equal digests before and after a change: the same segments and the same shares for every document.
      System.out.printf(Locale.ROOT, "  segments digest %016x, shares digest %016x%n", segmentsDigest, sharesDigest);
      System.out.printf(Locale.ROOT, "  process CPU (detector's pool threads and GC included) %.2f s%n",
          (processCpuNanos() - process) / 1e9);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** A JSONL(.gz) corpus, or a data stage's output folder (its clean documents, e.g. of a chain of just {@code length}). */
  private static List<String> read(Path jsonl) throws IOException {
    if (Files.isDirectory(jsonl)) {
      return dev.smelt.pipeline.data.CleanDocs.read(jsonl).stream().map(dev.smelt.pipeline.doc.Doc::text).toList();
    }
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    var in = Files.newInputStream(jsonl);
    var stream = jsonl.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        texts.add(json.readTree(line).get("text").asText());
      }
    }
    return texts;
  }
}
