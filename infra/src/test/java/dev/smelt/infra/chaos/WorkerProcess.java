package dev.smelt.infra.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A `smelt worker` in its own JVM, as an operator would run it; killed with SIGKILL or SIGTERM. */
public final class WorkerProcess {
  private final Process process;

  private WorkerProcess(Process process) {
    this.process = process;
  }

  /** A worker of {@code temporal} that writes only in run folders inside {@code runsRoot}. */
  public static WorkerProcess start(String temporal, Path runsRoot, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "-Xmx3g", "-Dai.djl.offline=true",
        // One intra-op thread: the resumed run must be bit-identical to the uninterrupted one.
        "-Dai.djl.pytorch.num_threads=1",
        "-cp", System.getProperty("java.class.path"),
        "dev.smelt.infra.cli.SmeltCli", "worker", "--temporal", temporal,
        "--runs-dir", runsRoot.toString());
    Process p = new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
    return new WorkerProcess(p);
  }

  /** kill -9: no shutdown hooks, no last heartbeat, no cleanup. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  long pid() {
    return process.pid();
  }

  /** kill (SIGTERM), as docker stop or systemd would: the worker's shutdown hook runs. */
  public void terminate() {
    process.destroy();
  }

  /** Whether the process ended within {@code timeout}. */
  public boolean waitFor(java.time.Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
