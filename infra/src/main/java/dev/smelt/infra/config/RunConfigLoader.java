package dev.smelt.infra.config;

import dev.smelt.activities.schedule.RunConfigFiles;
import dev.smelt.settings.RunConfig;
import java.nio.file.Path;

/** Run configs read and written as the CLI does ({@link ConfigLoader}), for the workers' activities. */
public final class RunConfigLoader implements RunConfigFiles {
  @Override
  public RunConfig load(Path file) {
    return ConfigLoader.load(file);
  }

  @Override
  public String toYaml(RunConfig config) {
    return ConfigLoader.toYaml(config);
  }
}
