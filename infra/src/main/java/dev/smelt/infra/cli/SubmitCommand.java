package dev.smelt.infra.cli;

import dev.smelt.infra.temporal.TemporalConnection;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `smelt submit CONFIG`: start a run on a Temporal server and return at once. */
@Command(name = "submit", description = "Start a run on a Temporal server (workers elsewhere do it) and return.")
final class SubmitCommand implements Callable<Integer> {
  @Parameters(paramLabel = "CONFIG", description = "Run config.")
  Path config;

  @Option(names = "--run-id", paramLabel = "ID", converter = RunIdConverter.class, description =
      "Run id: letters, digits, '-', '_', '.', at most 100 (default: <name>-<timestamp>).")
  String runId;

  /** The workers' runs root must be this same folder (they refuse run folders outside theirs). */
  @Mixin RunsDirOption runs;

  @Mixin TemporalOptions temporal;

  @Override
  public Integer call() throws Exception {
    RunStarter.Prepared p = RunStarter.prepare(config, runId, runs.root());
    try (TemporalConnection conn = TemporalConnection.open(temporal.address, temporal.namespace)) {
      RunStarter.start(conn.client(), p);
      System.out.println(p.runId());
      System.err.println("smelt: submitted run " + p.runId() + " (workflow " + p.workflowId()
          + "); follow it with: smelt watch " + p.runId());
      return 0;
    }
  }
}
