package dev.smelt.pipeline.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartFilesTest {
  @TempDir Path tmp;

  @Test
  void listsOnlyPartFilesInNameOrderNotTheTempFileOfAnUnfinishedWrite() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("clean"));
    Files.writeString(dir.resolve(WriteShardFile.name(1, 2)), "b");
    Files.writeString(dir.resolve(WriteShardFile.name(0, 2)), "a");
    Files.writeString(dir.resolve("." + WriteShardFile.name(1, 2) + ".0f3c" + WriteShardFile.TEMP_SUFFIX), "half");
    Files.writeString(dir.resolve("notes.txt"), "x");

    assertEquals(List.of(dir.resolve("part-00000-of-00002.parquet"), dir.resolve("part-00001-of-00002.parquet")),
        PartFiles.list(dir));
  }

  @Test
  void clearDeletesPartsTempFilesAndFileIoTempFoldersButNothingElse() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("shards"));
    Files.writeString(dir.resolve(WriteShardFile.name(0, 1)), "old");
    Path temp = dir.resolve("." + WriteShardFile.name(0, 1) + ".77aa" + WriteShardFile.TEMP_SUFFIX);
    Files.writeString(temp, "half");
    Files.writeString(Files.createDirectories(dir.resolve(".temp-beam-1234")).resolve("x"), "y");
    Files.writeString(dir.resolve("README"), "keep");

    assertEquals(dir.toAbsolutePath(), PartFiles.clear(dir));

    try (var left = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("README")), left.toList());
    }
  }

  @Test
  void clearCreatesAMissingFolderAndListNamesAMissingOne() {
    Path dir = tmp.resolve("data/tags");
    assertThrows(IllegalArgumentException.class, () -> PartFiles.list(dir));
    PartFiles.clear(dir);
    assertTrue(Files.isDirectory(dir));
    assertFalse(PartFiles.list(dir).iterator().hasNext());
  }
}
