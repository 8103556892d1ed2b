package dev.smelt.activities.schedule;

import dev.smelt.settings.RunConfig;
import java.nio.file.Path;

/**
 * How a worker reads a run config and writes its resolved copy: infra's config loader behind it,
 * since config loading and validation live there.
 */
public interface RunConfigFiles {
  /**
   * The resolved config in {@code file}.
   *
   * @throws RuntimeException with a one-line message naming the key, when the config is bad
   */
  RunConfig load(Path file);

  /** The resolved config as the run folder's config.yaml holds it. */
  String toYaml(RunConfig config);
}
