package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `smelt data CONFIG` runs the data stage alone, with no Temporal, and prints the funnel. */
class DataCommandTest {
  @TempDir Path dir;

  @Test
  void dataStageAlonePrintsAReconciledFunnel() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      code = SmeltCli.execute("data", EndToEndRunTest.EXAMPLES.resolve("tiny.yaml").toString(),
          "--out", dir.toString());
    } finally {
      System.setOut(old);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    assertTrue(printed.contains("read 28 = kept "), printed);
    assertTrue(printed.contains("dedup DUPLICATE"), printed);
    assertTrue(printed.contains("read INVALID_JSON"), printed);
    assertTrue(Files.isRegularFile(dir.resolve("stats.json")));
  }

  @Test
  void aBeamFlagBeamCannotUseAfterTheConfigExitsWithTwoNamingIt() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int code;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      code = SmeltCli.execute("data", EndToEndRunTest.EXAMPLES.resolve("tiny.yaml").toString(),
          "--out", dir.toString(), "--parallelizm=2");
    } finally {
      System.setErr(old);
    }
    String printed = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(2, code, printed);
    assertTrue(printed.contains("Beam option '--parallelizm=2' is not usable"), printed);
    assertEquals(1, printed.lines().count(), "one line: " + printed);
    assertTrue(!Files.exists(dir.resolve("stats.json")), "nothing run");
  }
}
