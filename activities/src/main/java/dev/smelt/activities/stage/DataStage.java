package dev.smelt.activities.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.eval.EvalSets;
import dev.smelt.activities.fingerprint.CodeVersion;
import dev.smelt.pipeline.dedup.TextHash;
import dev.smelt.pipeline.beam.BeamOptions;
import dev.smelt.pipeline.data.DataPipeline;
import dev.smelt.pipeline.data.DataPipelineSpec;
import dev.smelt.pipeline.data.DataProgress;
import dev.smelt.pipeline.data.DataStats;
import dev.smelt.pipeline.decontaminate.DecontaminateFilter;
import dev.smelt.pipeline.decontaminate.EvalSet;
import dev.smelt.pipeline.read.ReaderOptions;
import dev.smelt.settings.DataConfig;
import dev.smelt.settings.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The data stage from a run config: what the Data activity and `smelt data` both run. */
public final class DataStage {
  /** Writes the data section as JSON, for its hash. */
  private static final ObjectMapper SETTINGS = new ObjectMapper();

  private DataStage() {}

  /**
   * Runs the Beam data pipeline of the run config's {@code data} section into {@code dataDir};
   * the "decontaminate" stage, if named, removes overlaps with the run's {@link EvalSets} and, from
   * the documents that will train, with the held-out ones ({@code data.valFraction}).
   *
   * @param extraBeamArgs Beam flags ({@code --flag=value}) over data.pipelineArgs, e.g. a CLI's
   * @throws UncheckedIOException if finetune.inputs or eval.oodInputs cannot be read
   */
  public static DataStats run(RunConfig c, Path dataDir, List<String> extraBeamArgs,
      Consumer<DataProgress> onProgress) {
    DataConfig d = c.data();
    DataPipelineSpec spec = new DataPipelineSpec(d.inputs().stream().map(Path::of).toList(), dataDir,
        d.minChars(), d.maxChars(), d.runner(), beamArgs(d, extraBeamArgs), d.filters(),
        d.filterSettings(),
        readers(d));
    return DataPipeline.run(d.filters().contains(DecontaminateFilter.STAGE)
        ? spec.withEvalSets(evalSets(c)).withValFraction(d.valFraction()) : spec,
        CodeVersion.current(), configHash(d), onProgress);
  }

  /** The data section's hash: read units recorded under another one are read again. */
  static String configHash(DataConfig d) {
    try {
      return TextHash.sha256(SETTINGS.writeValueAsString(d));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot hash the data config: " + e.getMessage(), e);
    }
  }

  private static ReaderOptions readers(DataConfig d) {
    ReaderOptions readers =
        ReaderOptions.defaults().withFormats(d.readers()).withFollowSymlinks(d.followSymlinks());
    return d.textSplitBytes() > 0 ? readers.withTextSplitBytes(d.textSplitBytes()) : readers;
  }

  /**
   * The Beam flags of the data and token-shard pipelines: FlinkRunner's master from
   * data.flinkMaster, then data.pipelineArgs, then {@code extra}; a later flag of a name wins.
   */
  public static List<String> beamArgs(DataConfig d, List<String> extra) {
    List<String> master = BeamOptions.isFlink(d.runner()) && d.flinkMaster() != null
        ? List.of("--flinkMaster=" + d.flinkMaster()) : List.of();
    return BeamOptions.overriding(BeamOptions.overriding(master, d.pipelineArgs()), extra);
  }

  private static List<EvalSet> evalSets(RunConfig c) {
    try {
      return EvalSets.beforeSplit(c);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the evaluation texts to decontaminate against: "
          + e.getMessage(), e);
    }
  }
}
