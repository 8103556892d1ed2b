package dev.smelt.infra.cli;

import dev.smelt.infra.temporal.EmbeddedTemporalServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `smelt server`: the embedded Temporal server, standalone, until killed. */
@Command(name = "server", description = "Run the embedded Temporal server (Java test server) standalone.")
final class ServerCommand implements Callable<Integer> {
  @Option(names = "--port", description = "gRPC port on 127.0.0.1 (default: 7233).")
  int port = 7233;

  @Option(names = "--log", description = "Server log file (default: runs/temporal-server.log).")
  Path log = Path.of("runs/temporal-server.log");

  @Override
  public Integer call() throws Exception {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(port, log)) {
      System.out.println("smelt: Temporal server listening on " + server.target()
          + " (pid " + server.pid() + "); Ctrl-C stops it");
      return server.waitFor() == 0 ? 0 : SmeltCli.FAILURE;
    }
  }
}
