package dev.smelt.activities.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash cache: unchanged files are not read again; a changed byte always is. */
class FileHashesTest {
  @TempDir Path dir;

  private static final long NO_RACY_MARGIN = 0;

  @Test
  void unchangedFileIsServedFromTheCacheAcrossReopening() throws Exception {
    Path f = Files.writeString(dir.resolve("corpus.txt"), "It is a truth universally acknowledged");
    Path store = dir.resolve("hashes.json");
    FileHashes first = FileHashes.open(store, NO_RACY_MARGIN);
    String sha = first.sha256(f, n -> { });
    first.save();
    FileHashes again = FileHashes.open(store, NO_RACY_MARGIN);
    assertEquals(sha, again.sha256(f, n -> { }));
    assertEquals(0, again.hashedBytes(), "served from the cache, not read");
  }

  @Test
  void changedByteWithSameSizeAndMtimeIsHashedAgain() throws Exception {
    Path f = Files.writeString(dir.resolve("corpus.txt"), "It is a truth universally acknowledged");
    FileTime mtime = Files.getLastModifiedTime(f);
    FileHashes hashes = FileHashes.open(dir.resolve("hashes.json"), NO_RACY_MARGIN);
    String before = hashes.sha256(f, n -> { });
    Object ctime = Files.getAttribute(f, "unix:ctime");
    while (Files.getAttribute(f, "unix:ctime").equals(ctime)) {
      // the kernel stamps ctime at a coarse tick: let it move on, as any later edit would
      Files.setLastModifiedTime(f, mtime);
    }
    Files.write(f, "It is a truth universally acknowledgeD".getBytes(StandardCharsets.UTF_8));
    Files.setLastModifiedTime(f, mtime); // size and mtime as they were; ctime moved
    String after = hashes.sha256(f, n -> { });
    assertNotEquals(before, after);
    assertEquals(2L * Files.size(f), hashes.hashedBytes(), "read twice");
  }

  @Test
  void entryRecordedWithinTheRacyMarginOfTheFilesCtimeIsNotTrusted() throws Exception {
    Path f = Files.writeString(dir.resolve("fresh.txt"), "just written");
    FileHashes hashes = FileHashes.open(dir.resolve("hashes.json")); // the 2 s margin
    hashes.sha256(f, n -> { });
    hashes.sha256(f, n -> { });
    assertEquals(2L * Files.size(f), hashes.hashedBytes(), "a file written just now is reread");
  }
}
