package dev.smelt.infra.cli;

import picocli.CommandLine.Option;

/** Where the Temporal server is; shared by every command that talks to one. */
final class TemporalOptions {
  @Option(names = "--temporal", paramLabel = "HOST:PORT",
      description = "An existing Temporal server (default: start the embedded one; "
          + "TEMPORAL_ADDRESS and Temporal's profile file are honoured).")
  String address;

  @Option(names = "--namespace", description = "Temporal namespace (default: the environment's, else 'default').")
  String namespace;
}
