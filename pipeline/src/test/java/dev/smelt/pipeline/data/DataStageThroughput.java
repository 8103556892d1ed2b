package dev.smelt.pipeline.data;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.smelt.pipeline.clean.CleanText;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.FunnelCounters;
import dev.smelt.pipeline.filter.StageOutput;
import dev.smelt.pipeline.read.ReadCorpus;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.pipeline.tokenize.ByteLevelBpeTrainer;
import dev.smelt.settings.filter.FilterSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.PCollection;

/**
 * One measurement of infra/bench/pipeline, in its own JVM: prints one line
 * {@code RESULT mode mb=… docs=… wall_s=… cpu_s=… mb_s=… docs_s=…}. A measurement, not a test.
 *
 * <pre>
 * DataStageThroughput read     CORPUS              readers only (read stage, nothing written)
 * DataStageThroughput filters  CORPUS [STAGE,…]    read, clean and the chain, nothing written
 * DataStageThroughput data     CORPUS DATA_DIR [STAGE,…] [BEAM_FLAG…]   DataPipeline.run, Parquet written
 * DataStageThroughput bpe      DATA_DIR TOKENIZER_JSON   the BPE trainer on the kept text (smelt defaults)
 * DataStageThroughput floor    DATA_DIR TOKENIZER_JSON   Hugging Face tokenizers encoding the kept text, all cores
 * DataStageThroughput sizes    [STAGE,…]           serialized size of each stage (the DirectRunner
 *                                                  serializes each DoFn again for every bundle)
 * DataStageThroughput chain-without STAGE          prints the default chain without STAGE
 * DataStageThroughput rows     DATA_DIR            a digest of every clean/rejects/tags row, in file
 *                                                  order (Parquet footers may list encodings in another order)
 * </pre>
 * Megabytes are UTF-8 input bytes on disk for read/filters/data, kept text bytes for bpe/floor.
 */
public final class DataStageThroughput {
  private DataStageThroughput() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    switch (mode) {
      case "read" -> beamOnly(mode, Path.of(args[1]), List.of());
      case "filters" -> beamOnly(mode, Path.of(args[1]), chain(args, 2));
      case "data" -> data(Path.of(args[1]), Path.of(args[2]), chain(args, 3),
          Arrays.asList(args).subList(Math.min(args.length, 4), args.length));
      case "bpe" -> bpe(Path.of(args[1]), Path.of(args[2]));
      case "floor" -> floor(Path.of(args[1]), Path.of(args[2]));
      case "sizes" -> sizes(chain(args, 1));
      case "rows" -> rows(Path.of(args[1]));
      case "chain-without" -> System.out.println(String.join(",",
          FilterChain.DEFAULT.stream().filter(s -> !s.equals(args[1])).toList()));
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  private static List<String> chain(String[] args, int at) {
    return args.length > at && !args[at].equals("default")
        ? List.of(args[at].split(",")) : FilterChain.DEFAULT;
  }

  /** Reading (and the chain, when named) on the DirectRunner as the data stage sets it up. */
  private static void beamOnly(String mode, Path corpus, List<String> stages) {
    DataPipelineSpec spec = spec(corpus, corpus.resolveSibling("unused"), stages, List.of());
    DirectOptions options = PipelineOptionsFactory.fromArgs().as(DirectOptions.class);
    options.setEnforceImmutability(false); // as DataPipeline.run does
    Pipeline pipeline = Pipeline.create(options);
    long cpu0 = cpuNanos();
    long start = System.nanoTime();
    StageOutput read = pipeline.apply(ReadCorpus.from(spec.inputs(), spec.readers()));
    PCollection<Doc> docs = read.kept();
    if (!stages.isEmpty()) {
      docs = docs.apply(new CleanText());
      for (String name : stages) {
        PTransform<PCollection<Doc>, StageOutput> stage = FilterChain.create(name, spec);
        docs = docs.apply(stage).kept();
      }
    }
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    FunnelTotals totals = FunnelTotals.of(result.metrics(), dev.smelt.pipeline.beam.BeamCounters.Value.COMMITTED);
    long readDocs = totals.get(FunnelCounters.inDocs(ReadCorpus.STAGE));
    String last = stages.isEmpty() ? ReadCorpus.STAGE : stages.get(stages.size() - 1);
    print(mode, inputBytes(corpus), readDocs, start, cpu0,
        "kept=" + totals.get(FunnelCounters.keptDocs(last))
            + " kept_mb=" + mb(totals.get(FunnelCounters.keptBytes(last))));
  }

  private static void data(Path corpus, Path dataDir, List<String> stages, List<String> beamFlags) {
    long cpu0 = cpuNanos();
    long start = System.nanoTime();
    DataStats stats = DataPipeline.run(spec(corpus, dataDir, stages, beamFlags), p -> {});
    print("data", inputBytes(corpus), stats.read(), start, cpu0,
        "kept=" + stats.kept() + " kept_mb=" + mb(stats.keptBytes()) + " chain=" + String.join(",", stages)
            + (beamFlags.isEmpty() ? "" : " flags=" + String.join(",", beamFlags)));
  }

  private static void bpe(Path dataDir, Path tokenizerJson) throws IOException {
    List<String> texts = CleanDocs.read(dataDir).stream().map(Doc::text).toList();
    long cpu0 = cpuNanos();
    long start = System.nanoTime();
    // The smelt defaults: tokenizer.vocabSize 4096, minFrequency 2, maxTrainChars 0 (all).
    BpeTokenizer tokenizer = new ByteLevelBpeTrainer(4096, 2, 0).train(texts);
    print("bpe", utf8Bytes(texts), texts.size(), start, cpu0, "vocab=" + tokenizer.vocabSize());
    tokenizer.save(tokenizerJson);
  }

  /** The floor: the same kept text through Hugging Face tokenizers alone, one worker per core. */
  private static void floor(Path dataDir, Path tokenizerJson) throws Exception {
    List<String> texts = CleanDocs.read(dataDir).stream().map(Doc::text).toList();
    int threads = Runtime.getRuntime().availableProcessors();
    Map<String, String> options = Map.of("addSpecialTokens", "false", "truncation", "false");
    try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, options)) {
      tokenizer.encode("warm up the native library");
      long cpu0 = cpuNanos();
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<Long>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        parts.add(pool.submit(() -> {
          long ids = 0;
          for (int i = first; i < texts.size(); i += threads) {
            ids += tokenizer.encode(texts.get(i)).getIds().length;
          }
          return ids;
        }));
      }
      long tokens = 0;
      for (Future<Long> part : parts) {
        tokens += part.get();
      }
      pool.shutdown();
      print("floor", utf8Bytes(texts), texts.size(), start, cpu0, "tokens=" + tokens + " threads=" + threads);
    }
  }

  private static void sizes(List<String> stages) {
    DataPipelineSpec spec = spec(Path.of("."), Path.of("unused"), stages, List.of());
    for (String name : stages) {
      long start = System.nanoTime();
      int bytes = SerializableUtils.serializeToByteArray(FilterChain.create(name, spec)).length;
      System.out.printf("SIZE %s serialized_bytes=%d build_ms=%.1f%n", name, bytes, (System.nanoTime() - start) / 1e6);
    }
  }

  private static void rows(Path dataDir) throws Exception {
    StringBuilder line = new StringBuilder("ROWS");
    Map<String, List<?>> folders = new java.util.LinkedHashMap<>();
    folders.put("clean", CleanDocs.read(dataDir));
    folders.put("rejects", RejectedDocs.read(dataDir));
    folders.put("tags", TaggedDocs.read(dataDir));
    for (Map.Entry<String, List<?>> folder : folders.entrySet()) {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      folder.getValue().forEach(row -> sha.update((row + "\n").getBytes(StandardCharsets.UTF_8)));
      line.append(' ').append(folder.getKey()).append('=').append(folder.getValue().size()).append(':')
          .append(java.util.HexFormat.of().formatHex(sha.digest()), 0, 16);
    }
    System.out.println(line);
  }

  private static DataPipelineSpec spec(Path corpus, Path dataDir, List<String> stages, List<String> flags) {
    // The smelt defaults: data.minChars 200, data.maxChars 5,000,000.
    return new DataPipelineSpec(List.of(corpus), dataDir, 200, 5_000_000, "DirectRunner", flags,
        stages.isEmpty() ? List.of(DataPipeline.LENGTH_STAGE) : stages, FilterSettings.DEFAULTS, null);
  }

  private static void print(String mode, long bytes, long docs, long start, long cpu0, String extra) {
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (cpuNanos() - cpu0) / 1e9;
    System.out.printf("RESULT %s mb=%.2f docs=%d wall_s=%.2f cpu_s=%.2f mb_s=%.3f docs_s=%.1f %s%n",
        mode, bytes / 1e6, docs, wall, cpu, bytes / 1e6 / wall, docs / wall, extra);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long inputBytes(Path corpus) {
    try (Stream<Path> files = Files.walk(corpus)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long utf8Bytes(List<String> texts) {
    return texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
  }

  private static String mb(long bytes) {
    return String.format("%.2f", bytes / 1e6);
  }
}
