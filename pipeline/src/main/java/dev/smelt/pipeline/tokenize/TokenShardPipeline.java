package dev.smelt.pipeline.tokenize;

import dev.smelt.pipeline.beam.BeamCounters;
import dev.smelt.pipeline.beam.BeamCounters.Value;
import dev.smelt.pipeline.beam.BeamOptions;
import dev.smelt.pipeline.beam.BeamRun;
import dev.smelt.pipeline.doc.DocSchemas;
import dev.smelt.pipeline.parts.PartFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The tokenize stage as one Beam pipeline: {@code dataDir/clean/*.parquet} (CLEAN_DOC) are tokenized,
 * split by doc-id hash, and written to {@code dataDir/shards/} and {@code dataDir/val/} (TOKEN_DOC).
 */
public final class TokenShardPipeline {
  private TokenShardPipeline() {}

  /**
   * @param dataDir a run's data/ folder, holding clean/*.parquet
   * @param tokenizerJson the trained tokenizer
   * @param valFraction share of documents held out, by hash of doc_id
   * @param runner Beam runner name, e.g. "DirectRunner"; blank for the DirectRunner
   * @param pipelineArgs further Beam options, e.g. "--targetParallelism=2"
   */
  public record TokenShardSpec(
      Path dataDir, Path tokenizerJson, double valFraction, String runner, List<String> pipelineArgs) {}

  /** Runs the stage to completion; files from an earlier run in shards/ and val/ are replaced. */
  public static TokenShardStats run(TokenShardSpec spec) throws IOException {
    Path clean = spec.dataDir().resolve("clean");
    if (!hasParquet(clean)) {
      throw new NoSuchFileException(clean + ": no *.parquet clean documents; run the clean stage first");
    }
    BpeTokenizer tokenizer = BpeTokenizer.load(spec.tokenizerJson());
    SplitByHash split = new SplitByHash(spec.valFraction());
    Path shards = PartFiles.clear(spec.dataDir().resolve("shards"));
    Path val = PartFiles.clear(spec.dataDir().resolve("val"));

    PipelineOptions options = BeamOptions.of(runner(spec), spec.pipelineArgs());
    Pipeline pipeline = Pipeline.create(options);
    PCollection<GenericRecord> cleanDocs = pipeline
        .apply("MatchCleanFiles", FileIO.match().filepattern(clean.toAbsolutePath() + "/*.parquet"))
        .apply("OpenCleanFiles", FileIO.readMatches())
        .apply("ReadCleanDocs", ParquetIO.readFiles(DocSchemas.CLEAN_DOC));
    PCollectionTuple tokenized = cleanDocs.apply("Tokenize", new Tokenize(tokenizer, split));
    tokenized.get(Tokenize.TRAIN).apply("WriteTrainShards", WriteTokenShards.to(shards, WriteTokenShards.TRAIN_SHARDS));
    tokenized.get(Tokenize.VAL).apply("WriteValShards", WriteTokenShards.to(val, WriteTokenShards.VAL_SHARDS));

    MetricResults metrics = BeamRun.run(pipeline, options, running -> {}).metrics();
    return new TokenShardStats(
        counter(metrics, "train_docs"), counter(metrics, "train_tokens"),
        counter(metrics, "val_docs"), counter(metrics, "val_tokens"));
  }

  private static String runner(TokenShardSpec spec) {
    return spec.runner() == null || spec.runner().isBlank() ? "DirectRunner" : spec.runner();
  }

  private static boolean hasParquet(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.parquet")) {
      return files.iterator().hasNext();
    }
  }

  private static long counter(MetricResults metrics, String name) {
    return BeamCounters.named(metrics, Tokenize.METRICS_NAMESPACE, name, Value.COMMITTED);
  }
}
