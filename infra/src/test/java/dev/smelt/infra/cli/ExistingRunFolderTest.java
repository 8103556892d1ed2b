package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run id names a new run: an existing run folder is never silently reused. */
class ExistingRunFolderTest {
  @TempDir Path dir;

  @Test
  void runAndSubmitRefuseAnExistingRunFolderWithExit2AndLeaveItAsItWas() throws Exception {
    Path runs = dir.resolve("runs");
    Path old = runs.resolve("taken");
    Files.createDirectories(old.resolve("pretrain/checkpoints/step-00000004"));
    Files.writeString(old.resolve("config.yaml"), "name: the old run\n");
    for (String command : List.of("run", "submit")) {
      String err = HostileRunIdTest.assertUsageErrorInOneLine(command, HostileRunIdTest.CONFIG,
          "--run-id", "taken", "--runs-dir", runs.toString(), "--temporal", "127.0.0.1:1");
      assertEquals("smelt: run folder " + old + " already exists; continue it with smelt resume "
          + "taken, or choose another --run-id", err);
    }
    assertEquals("name: the old run\n", Files.readString(old.resolve("config.yaml")));
    try (Stream<Path> files = Files.walk(old)) {
      assertEquals(5, files.count(), "nothing added to the old folder (itself, 3 folders, 1 file)");
    }
  }

  @Test
  void submitStillCreatesANewRunFolderItsConfigInside() throws Exception {
    Path runs = dir.resolve("runs");
    // No server listens on port 1: the submit fails after the folder is prepared.
    SmeltCli.execute("submit", HostileRunIdTest.CONFIG, "--run-id", "fresh", "--runs-dir",
        runs.toString(), "--temporal", "127.0.0.1:1");
    assertEquals(true, Files.isRegularFile(runs.resolve("fresh/config.yaml")));
  }
}
