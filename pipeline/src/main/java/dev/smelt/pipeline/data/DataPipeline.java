package dev.smelt.pipeline.data;

import dev.smelt.pipeline.beam.BeamCounters;
import dev.smelt.pipeline.beam.BeamCounters.Value;
import dev.smelt.pipeline.beam.BeamOptions;
import dev.smelt.pipeline.beam.BeamRun;
import dev.smelt.pipeline.clean.CleanText;
import dev.smelt.pipeline.dedup.minhash.NearDuplicateReport;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.doc.DocSchemas;
import dev.smelt.pipeline.filter.FunnelCounters;
import dev.smelt.pipeline.bias.BiasReport;
import dev.smelt.pipeline.bias.CountIdentityTerms;
import dev.smelt.pipeline.filter.Tagged;
import dev.smelt.pipeline.parts.PartFiles;
import dev.smelt.pipeline.pii.PiiRedactor;
import dev.smelt.pipeline.pii.RedactRejects;
import dev.smelt.pipeline.parts.ShardedParquetWrite;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.smelt.pipeline.filter.Rejected;
import dev.smelt.pipeline.filter.StageOutput;
import dev.smelt.pipeline.dedup.TextHash;
import dev.smelt.pipeline.read.ReadCorpus;
import dev.smelt.pipeline.read.ReadIntoUnits;
import dev.smelt.pipeline.read.ReadRecordedUnits;
import dev.smelt.pipeline.read.ResumePlan;
import dev.smelt.pipeline.read.UnitFile;
import dev.smelt.pipeline.read.UnitManifest;
import dev.smelt.pipeline.read.WorkUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data stage: read → clean → the filters of {@link DataPipelineSpec#filters()} in that order
 * (length, language, quality, PII, toxicity, copyright, dedup, decontaminate, …), writing the kept
 * documents to {@code clean/}, every reject to {@code rejects/}, tags to {@code tags/}, the funnel
 * to {@code stats.json} and the identity-term report to {@code bias.json}.
 *
 * <p>{@link #run} reads in two pipelines, so a retried attempt redoes only what a kill lost: the
 * corpus is first read unit by unit into {@code units/}, each unit recorded with its SHA-256 in
 * {@code manifest.json} as it finishes ({@link ReadIntoUnits}, only the units not yet recorded);
 * then the rest of the chain runs over all recorded units ({@link ReadRecordedUnits}), whose
 * outputs are the same bytes however many attempts the reading took.
 */
public final class DataPipeline extends PTransform<PBegin, PDone> {
  public static final String LENGTH_STAGE = "length";

  static final int CLEAN_SHARDS = 4;
  static final int REJECT_SHARDS = 1;
  static final int TAG_SHARDS = 1;

  /** Code version of callers that give none: units they record are redone by versioned ones. */
  public static final String UNVERSIONED = "unversioned";
  private static final Logger LOG = LoggerFactory.getLogger(ResumePlan.class);

  private final DataPipelineSpec spec;
  private final ReadCorpus read;
  private final PTransform<PBegin, StageOutput> source;
  /** Stage name → its transform, from {@link FilterChain}. Insertion order is run order. */
  private final Map<String, PTransform<PCollection<Doc>, StageOutput>> chain = new LinkedHashMap<>();
  private final List<String> stages;
  private final Path dataDir;
  private final RedactRejects redactRejects;

  private DataPipeline(DataPipelineSpec spec, ReadCorpus read, PTransform<PBegin, StageOutput> source) {
    super("Data pipeline");
    this.spec = spec;
    this.read = read;
    this.source = source;
    for (String name : spec.filters()) {
      chain.put(name, FilterChain.create(name, spec));
    }
    List<String> all = new ArrayList<>();
    all.add(ReadCorpus.STAGE);
    all.addAll(spec.filters());
    this.stages = List.copyOf(all);
    this.dataDir = spec.dataDir().toAbsolutePath();
    this.redactRejects = RedactRejects.before(PiiRedactor.STAGE, stages, spec.settings().pii());
  }

  /** The counted stages, in order: the first reads, the last one's output is what is kept. */
  public List<String> stages() {
    return stages;
  }

  /**
   * The composite, for callers building their own pipeline.
   *
   * @throws IllegalArgumentException for a missing input or impossible length bounds
   */
  public static DataPipeline of(DataPipelineSpec spec) {
    ReadCorpus read = ReadCorpus.from(spec.inputs(), spec.readers());
    return new DataPipeline(spec, read, read);
  }

  /** This chain over the recorded outputs of {@code units} instead of the corpus itself. */
  DataPipeline overUnits(List<WorkUnit> units) {
    return new DataPipeline(spec, read, ReadRecordedUnits.of(units, dataDir));
  }

  /** How many files the inputs hold; known before the run starts. */
  public int filesTotal() {
    return read.files().size();
  }

  @Override
  public PDone expand(PBegin begin) {
    StageOutput readOut = begin.apply(source);
    PCollection<Doc> docs = readOut.kept().apply(new CleanText());
    PCollectionList<Rejected> rejects = PCollectionList.of(readOut.rejected());
    PCollectionList<Tagged> tags = PCollectionList.of(readOut.tagged());
    for (PTransform<PCollection<Doc>, StageOutput> stage : chain.values()) {
      StageOutput out = docs.apply(stage);
      docs = out.kept();
      rejects = rejects.and(out.rejected());
      tags = tags.and(out.tagged());
    }
    PCollection<Rejected> allRejects = rejects.apply("Gather rejects", Flatten.pCollections());
    docs.apply("Write clean", ShardedParquetWrite.of(DocSchemas.CLEAN_DOC, ParquetRows::cleanRow, Doc::docId)
        .withShards(CLEAN_SHARDS).to(dataDir.resolve(CleanDocs.FOLDER)));
    allRejects.apply(redactRejects).apply("Write rejects",
        ShardedParquetWrite.of(DocSchemas.REJECT, ParquetRows::rejectRow, ParquetRows::rejectKey)
            .withShards(REJECT_SHARDS).to(dataDir.resolve(RejectedDocs.FOLDER)));
    tags.apply("Gather tags", Flatten.pCollections())
        .apply("Write tags", ShardedParquetWrite.of(DocSchemas.TAG, ParquetRows::tagRow, ParquetRows::tagKey)
            .withShards(TAG_SHARDS).to(dataDir.resolve(TaggedDocs.FOLDER)));
    docs.apply(new CountIdentityTerms<>("kept", Doc::text));
    allRejects.apply(new CountIdentityTerms<>("dropped", (Rejected r) -> r.doc().text()));
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
    return run(spec, UNVERSIONED, "", onProgress);
  }

  /**
   * Runs the data stage, reusing the units an earlier attempt recorded in {@code
   * dataDir/manifest.json} with this code version and config hash (and the same reader settings
   * and input files); see {@link ResumePlan}.
   *
   * @param codeVersion the caller's code hash
   * @param configHash a hash of the caller's config of this stage
   */
  public static DataStats run(DataPipelineSpec spec, String codeVersion, String configHash,
      Consumer<DataProgress> onProgress) {
    long start = System.nanoTime();
    DataPipeline corpus = of(spec);
    clearOldParts(corpus.dataDir);
    List<WorkUnit> units = corpus.read.workUnits();
    ResumePlan plan = ResumePlan.of(corpus.dataDir, units, corpus.read.files(), codeVersion,
        TextHash.sha256(configHash + "\n" + spec.readers() + "\n" + UnitFile.FORMAT), LOG::info);
    if (!plan.todo().isEmpty()) {
      corpus.readUnits(plan, units.size(), onProgress, start);
    }

    DataPipeline data = corpus.overUnits(units);
    long documents = UnitManifest.read(corpus.dataDir).map(UnitManifest::decisions).orElse(0L);
    PipelineOptions options = BeamOptions.of(spec.runner(), spec.pipelineArgs());
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply(data);
    PipelineResult result = BeamRun.run(pipeline, options, metrics -> onProgress.accept(data.progress(
        FunnelTotals.of(metrics, Value.ATTEMPTED), metrics != BeamRun.NO_METRICS_YET, start,
        units.size(), documents)));
    DataStats stats =
        FunnelTotals.of(result.metrics(), Value.COMMITTED).stats(data.stages, secondsSince(start));
    if (stats.read() != stats.kept() + stats.rejected()) {
      throw new IllegalStateException(
          "funnel does not add up: read " + stats.read() + " != kept " + stats.kept()
              + " + rejected " + stats.rejected() + "; the runner lost or double-counted documents");
    }
    removeWriteLeftovers(data.dataDir);
    StatsJson.write(stats, data.dataDir);
    Map<String, Long> bias =
        BeamCounters.inNamespace(result.metrics(), CountIdentityTerms.NAMESPACE, Value.COMMITTED);
    BiasReport.of(name -> bias.getOrDefault(name, 0L)).write(data.dataDir);
    return stats;
  }

  /** Reads the units of {@code plan} not yet done, each recorded as it finishes. */
  private void readUnits(ResumePlan plan, int unitsTotal, Consumer<DataProgress> onProgress,
      long start) {
    PipelineOptions options = BeamOptions.of(spec.runner(), spec.pipelineArgs());
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply(ReadIntoUnits.of(plan.todo(), read.options(), dataDir));
    long filesBefore = plan.done().stream().mapToLong(WorkUnit::firstReads).sum();
    BeamRun.run(pipeline, options, metrics -> {
      FunnelTotals totals = FunnelTotals.of(metrics, Value.ATTEMPTED);
      onProgress.accept(new DataProgress(filesBefore + totals.get(ReadCorpus.FILES_READ),
          filesTotal(), 0, 0, secondsSince(start), metrics != BeamRun.NO_METRICS_YET,
          plan.done().size() + totals.get(ReadIntoUnits.UNITS_READ), unitsTotal, 0, 0));
    });
  }

  /** Progress of the chain over the recorded units: every file and unit is read by then. */
  private DataProgress progress(FunnelTotals totals, boolean counting, long start, int unitsTotal,
      long documentsTotal) {
    long rejected =
        totals.rejects(stages).stream().mapToLong(StageReasonCount::documents).sum();
    return new DataProgress(
        filesTotal(),
        filesTotal(),
        totals.get(FunnelCounters.inDocs(ReadCorpus.STAGE)),
        rejected,
        secondsSince(start),
        counting,
        unitsTotal,
        unitsTotal,
        totals.documentsThrough(stages),
        documentsTotal);
  }

  /** Old part files would otherwise mix with this run's, if the shard count changed. */
  private static void clearOldParts(Path dataDir) {
    FOLDERS.forEach(folder -> PartFiles.clear(dataDir.resolve(folder)));
    try {
      Files.deleteIfExists(dataDir.resolve(StatsJson.FILE));
      Files.deleteIfExists(dataDir.resolve(BiasReport.FILE));
      Files.deleteIfExists(dataDir.resolve(NearDuplicateReport.FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Readers of clean/ should not see what a write left behind. */
  private static void removeWriteLeftovers(Path dataDir) {
    FOLDERS.forEach(folder -> PartFiles.removeLeftovers(dataDir.resolve(folder)));
  }

  private static final List<String> FOLDERS =
      List.of(CleanDocs.FOLDER, RejectedDocs.FOLDER, TaggedDocs.FOLDER);

  private static double secondsSince(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
