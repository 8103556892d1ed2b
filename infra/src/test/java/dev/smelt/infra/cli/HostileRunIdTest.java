package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run id is a plain name: every command that takes one stops a hostile id with exit status 2
 * and one line, before anything is written, and no file outside changes.
 */
class HostileRunIdTest {
  static final String CONFIG = EndToEndRunTest.EXAMPLES.resolve("tiny.yaml").toString();

  @TempDir Path dir;
  Path runs;

  @BeforeEach
  void plantSentinels() throws IOException {
    SentinelFolders.plant(dir);
    runs = dir.resolve("runs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SENTINEL", "../sentinel", "../../x", "", ".", "..", "a/b", "x y",
      "x\ny", "LONG", "café"})
  void runAndSubmitRefuseAHostileRunIdAndChangeNothing(String spelled) throws IOException {
    String id = spelled.replace("SENTINEL", dir.resolve("sentinel").toString())
        .replace("LONG", "r".repeat(101));
    Map<String, String> before = SentinelFolders.snapshot(dir);
    for (String command : List.of("run", "submit")) {
      List<String> args = new ArrayList<>(List.of(command, CONFIG, "--runs-dir", runs.toString(),
          "--temporal", "127.0.0.1:1"));
      args.add("--run-id=" + id); // the = form: picocli would take "-" or "" for a missing value
      String err = assertUsageErrorInOneLine(args.toArray(String[]::new));
      assertTrue(err.contains("--run-id") && err.contains("run id"), err);
    }
    assertEquals(before, SentinelFolders.snapshot(dir), "files outside the runs root changed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../sentinel", "", "..", "a/b", "x y"})
  void runControlCommandsRefuseAHostileRunId(String id) throws IOException {
    Map<String, String> before = SentinelFolders.snapshot(dir);
    for (String command : List.of("status", "watch", "pause", "unpause", "cancel")) {
      assertUsageErrorInOneLine(command, "--temporal", "127.0.0.1:1", "--", id);
    }
    assertEquals(before, SentinelFolders.snapshot(dir));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "x y", "nothing/here"})
  void evalRefusesWhatIsNeitherARunIdNorARunFolder(String run) throws IOException {
    Map<String, String> before = SentinelFolders.snapshot(dir);
    String err = assertUsageErrorInOneLine("eval", "--runs-dir", runs.toString(), "--", run);
    assertTrue(err.contains("neither a run id"), err);
    assertEquals(before, SentinelFolders.snapshot(dir));
  }

  @Test
  void aConfigNameThatMakesAHostileRunIdIsAConfigErrorOfRunAndData() throws IOException {
    Path cfg = dir.resolve("evil.yaml");
    Files.writeString(cfg, Files.readString(Path.of(CONFIG)).replace("name: tiny", "name: ../sentinel")
        .replace("corpus/", EndToEndRunTest.EXAMPLES.resolve("corpus") + "/")
        .replace("sentiment/", EndToEndRunTest.EXAMPLES.resolve("sentiment") + "/"));
    Map<String, String> before = SentinelFolders.snapshot(dir);
    String err = assertUsageErrorInOneLine("submit", cfg.toString(), "--runs-dir", runs.toString(),
        "--temporal", "127.0.0.1:1");
    assertTrue(err.contains("'name'"), err);
    // `data` without --out names its folder after the config too.
    assertTrue(assertUsageErrorInOneLine("data", cfg.toString()).contains("'name'"));
    assertEquals(before, SentinelFolders.snapshot(dir));
  }

  /** Runs the CLI; asserts exit status 2 and exactly one line on stderr, which it returns. */
  static String assertUsageErrorInOneLine(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int code;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      code = SmeltCli.execute(args);
    } finally {
      System.setErr(old);
    }
    String out = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(2, code, out);
    assertEquals(1, out.lines().count(), "one line: " + out);
    return out;
  }
}
