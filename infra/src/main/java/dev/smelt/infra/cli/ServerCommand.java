package dev.smelt.infra.cli;

import dev.smelt.infra.temporal.EmbeddedTemporalServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `smelt server`: the embedded Temporal server, standalone, until killed. */
@Command(name = "server", description = "Run the embedded Temporal server (Java test server) "
    + "standalone; it listens on 127.0.0.1 only unless --bind says otherwise.")
final class ServerCommand implements Callable<Integer> {
  @Option(names = "--port", description = "gRPC port (default: 7233).")
  int port = 7233;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on "
      + "(default: 127.0.0.1). The server has no authentication: whoever reaches it can start "
      + "runs, so bind another address only on a network you trust.")
  InetAddress bind = InetAddress.getLoopbackAddress();

  @Option(names = "--log", description = "Server log file (default: runs/temporal-server.log).")
  Path log = Path.of("runs/temporal-server.log");

  @Override
  public Integer call() throws Exception {
    if (!bind.isLoopbackAddress()) {
      System.err.println("smelt: warning: the Temporal server on " + bind.getHostAddress()
          + " has no authentication; anyone who reaches it can start runs on your workers");
    }
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(bind, port, log)) {
      System.out.println("smelt: Temporal server listening on " + bind.getHostAddress() + ":"
          + server.port() + " (pid " + server.pid() + "); Ctrl-C stops it");
      return server.waitFor() == 0 ? 0 : SmeltCli.FAILURE;
    }
  }
}
