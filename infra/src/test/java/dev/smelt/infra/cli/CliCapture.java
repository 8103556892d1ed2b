package dev.smelt.infra.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the `smelt` CLI in this JVM and captures its exit status, stdout and stderr. */
final class CliCapture {
  private CliCapture() {}

  /** Exit status, what went to stdout, and stderr (stripped). */
  record Result(int code, String out, String err) {}

  /** {@code smelt ARGS…}; System.out and System.err are restored afterwards. */
  static synchronized Result smelt(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = SmeltCli.execute(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8).strip());
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
