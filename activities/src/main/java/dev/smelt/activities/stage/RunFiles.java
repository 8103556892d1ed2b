package dev.smelt.activities.stage;

import dev.smelt.activities.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** File chores of stage activities. */
public final class RunFiles {
  private RunFiles() {}

  /**
   * Deletes what {@code dir} holds except the entries named in {@code keep} (names directly in
   * it), as {@link #deleteRecursively} would.
   */
  public static void deleteAllBut(RunFolder run, Path dir, List<String> keep) {
    Path target = run.inside(dir);
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      deleteRecursively(run, dir);
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
      for (Path entry : entries) {
        if (!keep.contains(entry.getFileName().toString())) {
          deleteRecursively(run, entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + target, e);
    }
  }

  /**
   * Deletes {@code dir} and everything in it, which must lie inside {@code run} (else a
   * non-retryable failure). Symbolic links are deleted as links, never followed.
   */
  public static void deleteRecursively(RunFolder run, Path dir) {
    Path target = run.inside(dir);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      // walkFileTree without FOLLOW_LINKS reports a link as a file: it is deleted, not entered.
      Files.walkFileTree(target, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          if (e != null) {
            throw e;
          }
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + target, e);
    }
  }
}
