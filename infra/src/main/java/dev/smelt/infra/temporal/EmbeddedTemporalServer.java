package dev.smelt.infra.temporal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import io.grpc.StatusRuntimeException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/**
 * Temporal's Java test server as a real gRPC server in its own process, the embedded default,
 * bound to the loopback address unless told otherwise. The child dies on {@link #close()}, with
 * this JVM (shutdown hook), and when this JVM is killed outright: it ends when its standard
 * input, a pipe this JVM holds, closes ({@link TestServerProcess}).
 */
public final class EmbeddedTemporalServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final InetAddress bind;
  private final int port;
  private final Thread reaper;

  private EmbeddedTemporalServer(Process process, InetAddress bind, int port) {
    this.process = process;
    this.bind = bind;
    this.port = port;
    this.reaper = new Thread(process::destroyForcibly, "temporal-server-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts the server on 127.0.0.1:{@code port} (0 picks a free port) and waits until it accepts
   * connections. Its output goes to {@code log}.
   */
  public static EmbeddedTemporalServer start(int port, Path log) {
    return start(InetAddress.getLoopbackAddress(), port, log);
  }

  /** As {@link #start(int, Path)}, listening on {@code bind} (the server has no authentication). */
  public static EmbeddedTemporalServer start(InetAddress bind, int port, Path log) {
    int chosen = port == 0 ? freePort() : port;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            TestServerProcess.class.getName(), bind.getHostAddress(), Integer.toString(chosen));
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      // stdin stays a pipe from this JVM: the child's sign that its parent is alive.
      Process p = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      EmbeddedTemporalServer server = new EmbeddedTemporalServer(p, bind, chosen);
      server.awaitListening(log);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Temporal server", e);
    }
  }

  /** host:port for clients on this machine. */
  public String target() {
    return host() + ":" + port;
  }

  /** Where it listens: the loopback address unless {@code smelt server --bind} chose another. */
  public InetAddress bindAddress() {
    return bind;
  }

  private String host() {
    String h = bind.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
        : bind.getHostAddress();
    return h.contains(":") ? "[" + h + "]" : h;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Blocks until the server process ends (for `smelt server`). */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  private void awaitListening(Path log) {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the embedded Temporal server exited with status " + process.exitValue()
                + " (see " + log + ")");
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(bind.isAnyLocalAddress()
            ? InetAddress.getLoopbackAddress() : bind, port), 200);
        awaitGrpc(deadline);
        return;
      } catch (IOException notYet) {
        sleepQuietly(100);
      } catch (StatusRuntimeException slowToAnswer) {
        // a server JVM starting on a loaded machine may miss the SDK's few-second health check
        if (System.nanoTime() > deadline) {
          throw slowToAnswer;
        }
        sleepQuietly(100);
      }
    }
    close();
    throw new IllegalStateException(
        "the embedded Temporal server did not listen on port " + port + " within " + STARTUP);
  }

  /** The port accepting connections is not yet the service answering: ask it once. */
  private void awaitGrpc(long deadline) {
    Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000_000L));
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newConnectedServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build(), left);
    stubs.shutdownNow();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(5),
          java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running already; nothing left to remove
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal server", e);
    }
  }
}
