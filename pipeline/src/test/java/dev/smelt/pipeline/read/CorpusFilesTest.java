package dev.smelt.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.filter.RejectReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFilesTest {
  @TempDir Path dir;

  /** Relative path → skip reason, or "read" for a file that is read. */
  private static Map<String, String> outcomes(List<CorpusFile> files) {
    Map<String, String> out = new LinkedHashMap<>();
    files.forEach(f -> out.put(f.relativePath(), f.isSkipped() ? f.skipReason().name() : "read"));
    return out;
  }

  private static void mkfifo(Path path) throws IOException, InterruptedException {
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor(), "mkfifo must exist on a POSIX build machine");
  }

  @Test
  void listsFoldersRecursivelyAndCountsHiddenEntriesAsSkippedWithoutWalkingThem() throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.createDirectories(corpus.resolve("sub/deeper"));
    Files.createDirectories(corpus.resolve(".git/objects"));
    Files.writeString(corpus.resolve("b.txt"), "b");
    Files.writeString(corpus.resolve("sub/deeper/a.jsonl"), "{}");
    Files.writeString(corpus.resolve(".git/config"), "x");
    Files.writeString(corpus.resolve(".DS_Store"), "x");
    Path single = Files.writeString(dir.resolve("single.md"), "s");

    List<CorpusFile> files = CorpusFiles.list(List.of(corpus, single));

    assertEquals(Map.of(".DS_Store", "HIDDEN_FILE", ".git", "HIDDEN_FILE", "b.txt", "read",
        "sub/deeper/a.jsonl", "read", "single.md", "read"), outcomes(files));
    assertEquals(List.of(".DS_Store", ".git", "b.txt", "sub/deeper/a.jsonl", "single.md"),
        files.stream().map(CorpusFile::relativePath).toList());
  }

  @Test
  void neverFollowsALinkToAFileOutsideTheInputEvenWhenFollowingIsOn() throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Path secret = Files.writeString(dir.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(corpus.resolve("leak.txt"), secret);
    Files.createSymbolicLink(corpus.resolve("passwd.txt"), Path.of("/etc/passwd"));

    for (boolean follow : new boolean[] {false, true}) {
      List<CorpusFile> files = CorpusFiles.list(List.of(corpus), follow);
      assertEquals(Map.of("leak.txt", "SYMLINK_OUTSIDE_INPUT", "passwd.txt", "SYMLINK_OUTSIDE_INPUT"),
          outcomes(files));
      assertTrue(files.get(0).skipDetail().contains(secret.toString()), files.get(0).skipDetail());
    }
  }

  @Test
  void followsLinksInsideTheInputOnlyWhenAskedAndReadsTheResolvedTarget() throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Path real = Files.createDirectories(corpus.resolve("real"));
    Path a = Files.writeString(real.resolve("a.txt"), "a");
    Files.createSymbolicLink(corpus.resolve("alias.txt"), Path.of("real/a.txt"));
    Files.createSymbolicLink(corpus.resolve("mirror"), real);

    assertEquals(Map.of("alias.txt", "SYMLINK_NOT_FOLLOWED", "mirror", "SYMLINK_NOT_FOLLOWED",
        "real/a.txt", "read"), outcomes(CorpusFiles.list(List.of(corpus), false)));

    List<CorpusFile> followed = CorpusFiles.list(List.of(corpus), true);
    assertEquals(Map.of("alias.txt", "read", "mirror/a.txt", "read", "real/a.txt", "read"),
        outcomes(followed));
    assertEquals(a.toRealPath().toString(), followed.get(0).path());
  }

  @Test
  void countsLoopsAndDanglingLinksWithTheirOwnReasons() throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Path sub = Files.createDirectories(corpus.resolve("sub"));
    Files.createSymbolicLink(corpus.resolve("self"), Path.of("self"));
    Files.createSymbolicLink(corpus.resolve("gone.txt"), Path.of("nowhere.txt"));
    Files.createSymbolicLink(sub.resolve("up"), corpus);

    assertEquals(Map.of("gone.txt", "DANGLING_SYMLINK", "self", "SYMLINK_LOOP", "sub/up", "SYMLINK_LOOP"),
        outcomes(CorpusFiles.list(List.of(corpus), true)));
    assertEquals("SYMLINK_NOT_FOLLOWED", outcomes(CorpusFiles.list(List.of(corpus), false)).get("sub/up"));
  }

  @Test
  void countsANamedPipeAsASpecialFileInsteadOfOpeningIt() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    mkfifo(corpus.resolve("pipe.txt"));

    List<CorpusFile> files = CorpusFiles.list(List.of(corpus));

    assertEquals(Map.of("pipe.txt", "SPECIAL_FILE"), outcomes(files));
    assertTrue(files.get(0).skipDetail().startsWith("a named pipe"), files.get(0).skipDetail());
  }

  @Test
  void countsANamedPipeGivenAsAnInputAsASpecialFileToo() throws Exception {
    Path fifo = dir.resolve("input-pipe");
    mkfifo(fifo);

    assertEquals(Map.of("input-pipe", "SPECIAL_FILE"), outcomes(CorpusFiles.list(List.of(fifo))));
  }

  @Test
  void countsAFolderThatCannotBeListedAsUnreadableAndGoesOn() throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Path shut = Files.createDirectories(corpus.resolve("shut"));
    Files.writeString(shut.resolve("inside.txt"), "x");
    Files.writeString(corpus.resolve("open.txt"), "y");
    assertTrue(shut.toFile().setReadable(false, false));
    try {
      // root lists a mode-000 folder all the same: then its file is read.
      Map<String, String> expected = Files.isReadable(shut)
          ? Map.of("open.txt", "read", "shut/inside.txt", "read")
          : Map.of("open.txt", "read", "shut", "UNREADABLE_FILE");
      assertEquals(expected, outcomes(CorpusFiles.list(List.of(corpus))));
    } finally {
      assertTrue(shut.toFile().setReadable(true, false));
    }
  }

  @Test
  void countsAFileWithoutReadPermissionAsUnreadableUnlessTheUserMayStillReadIt() throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Path locked = Files.writeString(corpus.resolve("locked.txt"), "x");
    assertTrue(locked.toFile().setReadable(false, false));
    // root reads a mode-000 file all the same: then it is an ordinary file to read.
    String expected = Files.isReadable(locked) ? "read" : RejectReason.UNREADABLE_FILE.name();

    assertEquals(Map.of("locked.txt", expected), outcomes(CorpusFiles.list(List.of(corpus))));
  }

  @Test
  void refusesAMissingInputNamingIt() {
    Path missing = dir.resolve("nope");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CorpusFiles.list(List.of(missing)));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void refusesTwoInputsWhoseFilesWouldGetTheSameIds() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(a.resolve("x.txt"), "1");
    Files.writeString(b.resolve("x.txt"), "2");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CorpusFiles.list(List.of(a, b)));
    assertTrue(e.getMessage().contains("'x.txt'"), e.getMessage());
  }
}
