package dev.smelt.pipeline.data;

import dev.smelt.pipeline.clean.CleanText;
import dev.smelt.pipeline.dedup.ExactDedup;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.doc.DocSchemas;
import dev.smelt.pipeline.filter.ApplyFilter;
import dev.smelt.pipeline.filter.FunnelCounters;
import dev.smelt.pipeline.filter.LengthFilter;
import dev.smelt.pipeline.filter.Rejected;
import dev.smelt.pipeline.filter.StageOutput;
import dev.smelt.pipeline.read.ReadCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;
import org.joda.time.Duration;

/**
 * The data stage: read → clean → length filter → exact dedup, writing the kept documents to
 * {@code clean/}, every reject to {@code rejects/}, and the funnel to {@code stats.json}.
 */
public final class DataPipeline extends PTransform<PBegin, PDone> {
  public static final String LENGTH_STAGE = "length";
  /** The counted stages, in order: the first reads, the last one's output is what is kept. */
  public static final List<String> STAGES =
      List.of(ReadCorpus.STAGE, LENGTH_STAGE, ExactDedup.STAGE);

  static final int CLEAN_SHARDS = 4;
  static final int REJECT_SHARDS = 1;

  private final ReadCorpus read;
  private final LengthFilter length;
  private final Path dataDir;

  private DataPipeline(DataPipelineSpec spec) {
    super("Data pipeline");
    this.read = ReadCorpus.from(spec.inputs());
    this.length = new LengthFilter(spec.minChars(), spec.maxChars());
    this.dataDir = spec.dataDir().toAbsolutePath();
  }

  /**
   * The composite, for callers building their own pipeline.
   *
   * @throws IllegalArgumentException for a missing input or impossible length bounds
   */
  public static DataPipeline of(DataPipelineSpec spec) {
    return new DataPipeline(spec);
  }

  /** How many files the inputs hold; known before the run starts. */
  public int filesTotal() {
    return read.files().size();
  }

  @Override
  public PDone expand(PBegin begin) {
    StageOutput readOut = begin.apply(read);
    PCollection<Doc> cleaned = readOut.kept().apply(new CleanText());
    StageOutput lengthOut = cleaned.apply(ApplyFilter.of(LENGTH_STAGE, length));
    StageOutput dedupOut = lengthOut.kept().apply(new ExactDedup());
    PCollection<Rejected> rejects =
        PCollectionList.of(readOut.rejected())
            .and(lengthOut.rejected())
            .and(dedupOut.rejected())
            .apply("Gather rejects", Flatten.pCollections());
    dedupOut.kept().apply("Write clean", new WriteParquet<>(
        DocSchemas.CLEAN_DOC, ParquetRows::cleanRow, dataDir.resolve(CleanDocs.FOLDER), CLEAN_SHARDS));
    rejects.apply("Write rejects", new WriteParquet<>(
        DocSchemas.REJECT, ParquetRows::rejectRow, dataDir.resolve(RejectedDocs.FOLDER), REJECT_SHARDS));
    return PDone.in(begin.getPipeline());
  }

  /**
   * Runs the data stage to completion, reporting progress about once a second, and returns its
   * funnel (also written to {@code dataDir/stats.json}).
   *
   * @throws IllegalArgumentException for a missing input, bad bounds or bad Beam options
   * @throws IllegalStateException if the run fails or its counts do not add up
   */
  public static DataStats run(DataPipelineSpec spec, Consumer<DataProgress> onProgress) {
    long start = System.nanoTime();
    DataPipeline data = of(spec);
    Pipeline pipeline = Pipeline.create(options(spec));
    pipeline.apply(data);
    clearOldParts(data.dataDir);

    PipelineResult result = pipeline.run();
    PipelineResult.State state = null;
    while (state == null || !state.isTerminal()) {
      state = result.waitUntilFinish(Duration.standardSeconds(1));
      onProgress.accept(data.progress(FunnelTotals.of(result.metrics(), false), start));
    }
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the data pipeline ended " + state + ", not DONE");
    }
    DataStats stats = FunnelTotals.of(result.metrics(), true).stats(STAGES, secondsSince(start));
    if (stats.read() != stats.kept() + stats.rejected()) {
      throw new IllegalStateException(
          "funnel does not add up: read " + stats.read() + " != kept " + stats.kept()
              + " + rejected " + stats.rejected() + "; the runner lost or double-counted documents");
    }
    removeWriteLeftovers(data.dataDir);
    StatsJson.write(stats, data.dataDir);
    return stats;
  }

  private DataProgress progress(FunnelTotals totals, long start) {
    long rejected =
        totals.rejects(STAGES).stream().mapToLong(StageReasonCount::documents).sum();
    return new DataProgress(
        totals.get(ReadCorpus.FILES_READ),
        filesTotal(),
        totals.get(FunnelCounters.inDocs(ReadCorpus.STAGE)),
        rejected,
        secondsSince(start));
  }

  private static PipelineOptions options(DataPipelineSpec spec) {
    List<String> args = new ArrayList<>();
    args.add("--runner=" + spec.runner());
    args.addAll(spec.pipelineArgs());
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().create();
    if (options.getRunner() == DirectRunner.class
        && spec.pipelineArgs().stream().noneMatch(a -> a.startsWith("--blockOnRun"))) {
      // The direct runner would otherwise block in run(), and progress could not be polled.
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    return options;
  }

  /** Old part files would otherwise mix with this run's, if the shard count changed. */
  private static void clearOldParts(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      for (String folder : List.of(CleanDocs.FOLDER, RejectedDocs.FOLDER)) {
        Path dir = dataDir.resolve(folder);
        if (Files.isDirectory(dir)) {
          for (Path part : ParquetFiles.parts(dir)) {
            Files.delete(part);
          }
        }
      }
      Files.deleteIfExists(dataDir.resolve(StatsJson.FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** FileIO leaves its (by then empty) temp folder behind; readers of clean/ should not see it. */
  private static void removeWriteLeftovers(Path dataDir) {
    for (String folder : List.of(CleanDocs.FOLDER, RejectedDocs.FOLDER)) {
      try (Stream<Path> entries = Files.list(dataDir.resolve(folder))) {
        for (Path temp : entries.filter(e -> e.getFileName().toString().startsWith(".temp-beam")).toList()) {
          try (Stream<Path> tree = Files.walk(temp)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
              Files.delete(p);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot tidy " + dataDir + ": " + e.getMessage(), e);
      }
    }
  }

  private static double secondsSince(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
