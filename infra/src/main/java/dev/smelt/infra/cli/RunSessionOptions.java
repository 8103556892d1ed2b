package dev.smelt.infra.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a run started from this process is done: runs root, Temporal server, worker here or not. */
final class RunSessionOptions {
  @Mixin RunsDirOption runs;

  @Option(names = "--no-worker",
      description = "Start no worker in this process; workers elsewhere do the work.")
  boolean noWorker;

  @Mixin TemporalOptions temporal;

  Path runsRoot() {
    return runs.root();
  }
}
