package dev.smelt.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFilesTest {
  @TempDir Path dir;

  @Test
  void listsFoldersRecursivelyWithRelativePathsAndSkipsHiddenOnes() throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.createDirectories(corpus.resolve("sub/deeper"));
    Files.createDirectories(corpus.resolve(".git"));
    Files.writeString(corpus.resolve("b.txt"), "b");
    Files.writeString(corpus.resolve("sub/deeper/a.jsonl"), "{}");
    Files.writeString(corpus.resolve(".git/config"), "x");
    Files.writeString(corpus.resolve(".DS_Store"), "x");
    Path single = Files.writeString(dir.resolve("single.md"), "s");

    List<String> relative =
        CorpusFiles.list(List.of(corpus, single)).stream().map(CorpusFile::relativePath).toList();

    assertEquals(List.of("b.txt", "sub/deeper/a.jsonl", "single.md"), relative);
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
