package dev.smelt.infra.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A `smelt` command in its own JVM as the launcher script starts it: PyTorch on as many intra-op
 * threads as the machine has cores, none of the test JVM's one-thread settings inherited.
 */
final class SmeltProcess {
  /** What ./smelt passes as -Dai.djl.pytorch.num_threads by default: $(nproc). */
  static final int CLI_THREADS = Runtime.getRuntime().availableProcessors();

  private final Process process;

  private SmeltProcess(Process process) {
    this.process = process;
  }

  static SmeltProcess start(Path log, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx3g", "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=" + CLI_THREADS));
    if (System.getProperty("DJL_CACHE_DIR") != null) {
      cmd.add("-DDJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR"));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.smelt.infra.cli.SmeltCli", "--verbose"));
    cmd.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = b.environment();
    List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "MKL_DYNAMIC", "MKL_CBWR").forEach(env::remove);
    Process p = b.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> killTree(p)));
    return new SmeltProcess(p);
  }

  /** kill -9 of the whole tree (CLI, its worker threads, the embedded server it started). */
  void killTree() throws InterruptedException {
    killTree(process);
    process.waitFor();
  }

  private static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  /** The command's exit status, once it ends. */
  int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The processes of the tree now: the CLI and its children. */
  long treeSize() {
    return 1 + process.descendants().count();
  }
}
