package dev.smelt.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.run.FolderChecksum;
import dev.smelt.activities.run.RunFolder;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {
  @TempDir Path dir;
  Path sentinel;
  RunFolder run;

  @BeforeEach
  void makeRunAndSentinel() throws IOException {
    sentinel = Files.createDirectories(dir.resolve("sentinel/data"));
    Files.writeString(sentinel.resolve("important.txt"), "keep me");
    Path runs = Files.createDirectories(dir.resolve("runs"));
    run = RunFolder.confined(runs.resolve("r").toString(), runs);
    Files.createDirectories(run.shards().resolve("deep"));
    Files.writeString(run.shards().resolve("deep/part-0.parquet"), "x");
  }

  @Test
  void deletesAFolderInsideTheRunWithEverythingInIt() {
    RunFiles.deleteRecursively(run, run.data());
    assertFalse(Files.exists(run.data()));
    assertTrue(Files.isDirectory(run.root()));
  }

  @Test
  void deletingAMissingFolderIsNoError() {
    RunFiles.deleteRecursively(run, run.val());
    assertFalse(Files.exists(run.val()));
  }

  @Test
  void refusesToDeleteOutsideTheRunOrTheRunItself() {
    String before = FolderChecksum.of(dir);
    assertThrows(ApplicationFailure.class, () -> RunFiles.deleteRecursively(run, sentinel));
    assertThrows(ApplicationFailure.class, () -> RunFiles.deleteRecursively(run, run.root()));
    assertThrows(ApplicationFailure.class,
        () -> RunFiles.deleteRecursively(run, run.root().resolve("../../sentinel")));
    assertEquals(before, FolderChecksum.of(dir));
  }

  @Test
  void deletesALinkInsideTheRunButNotWhatItPointsAt() throws IOException {
    Files.createSymbolicLink(run.shards().resolve("deep/escape"), sentinel);
    Files.createSymbolicLink(run.val(), sentinel);
    String before = FolderChecksum.of(dir.resolve("sentinel"));
    RunFiles.deleteRecursively(run, run.shards());
    RunFiles.deleteRecursively(run, run.val());
    assertFalse(Files.exists(run.shards()));
    assertFalse(Files.exists(run.val(), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals(before, FolderChecksum.of(dir.resolve("sentinel")));
  }

  @Test
  void refusesAFolderReachedThroughALinkedParent() throws IOException {
    Path pretrain = Files.createSymbolicLink(run.pretrain(), dir.resolve("sentinel"));
    String before = FolderChecksum.of(dir.resolve("sentinel"));
    assertThrows(ApplicationFailure.class,
        () -> RunFiles.deleteRecursively(run, pretrain.resolve("data")));
    assertEquals(before, FolderChecksum.of(dir.resolve("sentinel")));
  }
}
