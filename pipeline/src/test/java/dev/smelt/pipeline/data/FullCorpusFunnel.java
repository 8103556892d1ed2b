package dev.smelt.pipeline.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the data stage on a corpus folder and prints its funnel and throughput (input bytes / wall
 * seconds): a measurement, not a test. For the full SpamAssassin set:
 *
 * <pre>
 * examples/scripts/fetch-spamassassin.sh full /tmp/sa-cache
 * mvn -q -pl pipeline test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * cd pipeline &amp;&amp; java -Xmx4g -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   dev.smelt.pipeline.data.FullCorpusFunnel /tmp/sa-cache/spamassassin /tmp/sa-run
 * </pre>
 */
public final class FullCorpusFunnel {
  private FullCorpusFunnel() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: FullCorpusFunnel CORPUS_DIR DATA_DIR [MIN_CHARS MAX_CHARS]");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]);
    Path dataDir = Path.of(args[1]);
    int minChars = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int maxChars = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
    long inputBytes;
    try (Stream<Path> files = Files.walk(corpus)) {
      inputBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    long start = System.nanoTime();
    DataStats stats = DataPipeline.run(
        DataPipelineSpec.local(List.of(corpus), dataDir, minChars, maxChars), p -> {});
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("input: %,d bytes%n", inputBytes);
    System.out.printf("read %d = kept %d + rejected %d; kept %,d bytes%n",
        stats.read(), stats.kept(), stats.rejected(), stats.keptBytes());
    for (StageReasonCount r : stats.rejects()) {
      System.out.printf("  %-6s %-18s %6d docs%n", r.stage(), r.reason(), r.documents());
    }
    System.out.printf("wall %.1f s, %.2f MB/s%n", seconds, inputBytes / 1e6 / seconds);
  }
}
