package dev.smelt.activities.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.workflows.stage.PermanentFailure;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The worker's check: a workflow input names a run folder directly inside the runs root, or nothing. */
class RunFolderConfinementTest {
  @TempDir Path dir;
  Path runs;

  @BeforeEach
  void makeRunsRoot() throws IOException {
    runs = Files.createDirectories(dir.resolve("runs"));
    Files.createDirectories(dir.resolve("sentinel"));
  }

  @Test
  void acceptsAFolderDirectlyInsideTheRunsRoot() {
    assertEquals(runs.resolve("demo-1"), RunFolder.confined(runs.resolve("demo-1").toString(), runs).root());
  }

  @Test
  void acceptsARelativeRunsRootAndTheSameFolderSpelledWithDots() {
    Path relativeRuns = Path.of("").toAbsolutePath().relativize(runs);
    assertEquals(runs.resolve("b"),
        RunFolder.confined(runs + "/a/../b", relativeRuns).root());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "../sentinel", "../../x", "a/b", "x y", "a/../../sentinel"})
  void refusesRunDirsThatLeaveTheRunsRootAsNonRetryable(String relative) {
    ApplicationFailure f = assertThrows(ApplicationFailure.class,
        () -> RunFolder.confined(runs + "/" + relative, runs));
    assertTrue(f.isNonRetryable());
    assertEquals(PermanentFailure.TYPE, f.getType());
    assertTrue(f.getOriginalMessage().contains("refusing run folder"), f.getOriginalMessage());
  }

  @Test
  void refusesAnAbsoluteFolderElsewhere() {
    assertThrows(ApplicationFailure.class,
        () -> RunFolder.confined(dir.resolve("sentinel").toString(), runs));
  }

  @Test
  void refusesTheRunsRootItselfAndAnEmptyOrMissingRunDir() {
    assertThrows(ApplicationFailure.class, () -> RunFolder.confined(runs.toString(), runs));
    assertThrows(ApplicationFailure.class, () -> RunFolder.confined(null, runs));
    assertThrows(ApplicationFailure.class, () -> RunFolder.confined("x\u0000y", runs));
  }

  @Test
  void refusesARunFolderThatIsASymbolicLinkOutside() throws IOException {
    Files.createSymbolicLink(runs.resolve("evil"), dir.resolve("sentinel"));
    ApplicationFailure f = assertThrows(ApplicationFailure.class,
        () -> RunFolder.confined(runs.resolve("evil").toString(), runs));
    assertTrue(f.getOriginalMessage().contains("symbolic link"), f.getOriginalMessage());
  }

  @Test
  void insideRefusesPathsOutsideTheRunAndTheRunItself() {
    RunFolder run = RunFolder.confined(runs.resolve("r").toString(), runs);
    assertEquals(runs.resolve("r/data"), run.inside(run.data()));
    assertThrows(ApplicationFailure.class, () -> run.inside(run.root()));
    assertThrows(ApplicationFailure.class, () -> run.inside(run.root().resolve("../other/data")));
    assertThrows(ApplicationFailure.class, () -> run.inside(dir.resolve("sentinel")));
  }

  @Test
  void insideRefusesAPathReachedThroughASymbolicLink() throws IOException {
    RunFolder run = RunFolder.confined(runs.resolve("r").toString(), runs);
    Files.createDirectories(run.root());
    Files.createSymbolicLink(run.data(), dir.resolve("sentinel"));
    ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> run.inside(run.shards()));
    assertTrue(f.isNonRetryable());
    assertFalse(f.getOriginalMessage().isBlank());
  }
}
