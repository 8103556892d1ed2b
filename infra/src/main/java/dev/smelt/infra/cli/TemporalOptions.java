package dev.smelt.infra.cli;

import picocli.CommandLine.Option;

/** Where the Temporal server is; shared by every command that talks to one. */
final class TemporalOptions {
  @Option(names = "--temporal", paramLabel = "HOST:PORT",
      description = "An existing Temporal server, reached with the API key and TLS settings of "
          + "Temporal's environment configuration (default: the server TEMPORAL_ADDRESS or the "
          + "profile file names; else, in plain text and ignoring exported API key and TLS "
          + "settings, the embedded server for `run` and 127.0.0.1:7233 for the others).")
  String address;

  @Option(names = "--namespace", description = "Temporal namespace (default: the environment's "
      + "for a server it names, else 'default').")
  String namespace;
}
