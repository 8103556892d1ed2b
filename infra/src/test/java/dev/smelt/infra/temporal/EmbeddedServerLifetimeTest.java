package dev.smelt.infra.temporal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server listens on loopback only, and does not outlive the process that started it. */
class EmbeddedServerLifetimeTest {
  static final Path TINY = Path.of("..", "examples", "tiny.yaml").toAbsolutePath().normalize();
  static final Pattern STARTED = Pattern.compile("embedded Temporal server on ([0-9.]+):(\\d+) \\(pid (\\d+)\\)");

  @TempDir Path dir;

  @Test
  void listensOnLoopbackOnlyUnlessToldToBindEverywhere() throws IOException {
    InetAddress external = nonLoopbackAddress().orElse(null);
    Assumptions.assumeTrue(external != null, "this machine has no non-loopback IPv4 address");
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0, dir.resolve("a.log"))) {
      assertTrue(accepts(InetAddress.getLoopbackAddress(), server.port()));
      assertThrows(ConnectException.class, () -> connect(external, server.port()),
          "reachable on " + external.getHostAddress());
    }
    // The control: the same check sees a server that does listen on every interface.
    try (EmbeddedTemporalServer everywhere =
        EmbeddedTemporalServer.start(InetAddress.getByName("0.0.0.0"), 0, dir.resolve("b.log"))) {
      assertTrue(accepts(external, everywhere.port()));
      assertTrue(everywhere.target().startsWith("127.0.0.1:"), everywhere.target());
    }
  }

  @Test
  void diesWhenSmeltRunThatStartedItIsKilledWithSigkill() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // --no-worker: the run waits for a worker forever, holding its server, until it is killed.
    Process run = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        "dev.smelt.infra.cli.SmeltCli", "run", TINY.toString(), "--run-id", "kill9",
        "--runs-dir", dir.resolve("runs").toString(), "--no-worker"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
    Matcher started;
    try {
      started = awaitServerLine(run);
    } finally {
      run.destroyForcibly(); // SIGKILL: no shutdown hook of `smelt run` runs
    }
    run.waitFor();
    int port = Integer.parseInt(started.group(2));
    ProcessHandle server = ProcessHandle.of(Long.parseLong(started.group(3))).orElse(null);
    if (server != null) {
      // It notices the end of its stdin pipe; waiting is bounded so a leak fails instead of hanging.
      server.onExit().get(60, TimeUnit.SECONDS);
      assertFalse(server.isAlive(), "the server outlived smelt run");
    }
    assertFalse(accepts(InetAddress.getLoopbackAddress(), port), "something still listens on " + port);
  }

  private static Matcher awaitServerLine(Process run) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      seen.append(line).append('\n');
      Matcher m = STARTED.matcher(line);
      if (m.find()) {
        assertNotNull(ProcessHandle.of(Long.parseLong(m.group(3))).filter(ProcessHandle::isAlive)
            .orElse(null), "the server runs before the kill");
        return m;
      }
    }
    throw new AssertionError("smelt run ended without starting its server:\n" + seen);
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces().filter(EmbeddedServerLifetimeTest::up)
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst();
  }

  private static boolean up(NetworkInterface n) {
    try {
      return n.isUp() && !n.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }

  private static boolean accepts(InetAddress host, int port) {
    try {
      connect(host, port);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void connect(InetAddress host, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2000);
    }
  }
}
