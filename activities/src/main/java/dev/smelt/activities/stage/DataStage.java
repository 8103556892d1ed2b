package dev.smelt.activities.stage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.pipeline.data.DataPipeline;
import dev.smelt.pipeline.data.DataPipelineSpec;
import dev.smelt.pipeline.data.DataProgress;
import dev.smelt.pipeline.data.DataStats;
import dev.smelt.pipeline.data.FilterSettings;
import dev.smelt.pipeline.read.ReaderOptions;
import dev.smelt.workflows.config.DataConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The data stage from a run config: what the Data activity and `smelt data` both run. */
public final class DataStage {
  /** Config and pipeline settings records share field names; unknown ones would be a bug. */
  private static final ObjectMapper SETTINGS =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private DataStage() {}

  /**
   * Runs the Beam data pipeline of {@code d} into {@code dataDir}.
   *
   * @param pipelineArgs extra Beam options ({@code --flag=value}), e.g. for another runner
   */
  public static DataStats run(DataConfig d, Path dataDir, List<String> pipelineArgs,
      Consumer<DataProgress> onProgress) {
    return DataPipeline.run(
        new DataPipelineSpec(d.inputs().stream().map(Path::of).toList(), dataDir,
            d.minChars(), d.maxChars(), d.runner(), pipelineArgs, d.filters(),
            filterSettings(d.filterSettings()),
            ReaderOptions.defaults().withFormats(d.readers()).withFollowSymlinks(d.followSymlinks())),
        onProgress);
  }

  /** The run config's filter settings as the pipeline's records (same names, same nesting). */
  public static FilterSettings filterSettings(dev.smelt.workflows.config.FilterSettings config) {
    return SETTINGS.convertValue(config, FilterSettings.class);
  }
}
