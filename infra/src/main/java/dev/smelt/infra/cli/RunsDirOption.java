package dev.smelt.infra.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The runs root: every run folder is {@code <root>/<run-id>}; shared by commands and workers. */
final class RunsDirOption {
  @Option(names = "--runs-dir", paramLabel = "DIR",
      description = "The runs root: each run's folder is DIR/RUN-ID and a worker writes nowhere "
          + "else (default: the smelt.runs property, else <smelt home>/runs).")
  Path runsDir;

  /** The chosen runs root, as an absolute path. */
  Path root() {
    Path chosen = runsDir != null ? runsDir
        : System.getProperty("smelt.runs") != null ? Path.of(System.getProperty("smelt.runs"))
        : SmeltCli.home().resolve("runs");
    return chosen.toAbsolutePath().normalize();
  }
}
