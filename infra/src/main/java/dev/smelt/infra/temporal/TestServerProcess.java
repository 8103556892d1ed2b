package dev.smelt.infra.temporal;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The main of the embedded server's own process: Temporal's Java test service, bound to one
 * address (Temporal's {@code TestServer PORT} binds every interface), until its standard input
 * ends. {@link EmbeddedTemporalServer} holds that pipe, so the server ends with the process that
 * started it, even when that one is killed with SIGKILL and runs no shutdown hook.
 */
public final class TestServerProcess {
  private TestServerProcess() {}

  /** Arguments: BIND_ADDRESS PORT. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: TestServerProcess BIND_ADDRESS PORT");
      System.exit(2);
    }
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
    // true: time does not skip ahead; as TestServer's main without --enable-time-skipping.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(address, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    System.out.println("Temporal test server listening on " + address);
    awaitEndOf(System.in);
    System.out.println("standard input closed: the parent is gone; stopping");
    server.shutdownNow();
    services.close();
    System.exit(0);
  }

  private static void awaitEndOf(InputStream in) {
    try {
      while (in.read() != -1) {
        // anything the parent writes is ignored: only the end of the pipe means something
      }
    } catch (IOException broken) {
      // a broken pipe is an end too
    }
  }
}
