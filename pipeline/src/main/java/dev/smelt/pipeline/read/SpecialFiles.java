package dev.smelt.pipeline.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Names the kind of a file that is neither regular, a folder nor a link, for a reject's detail. */
final class SpecialFiles {
  /** File type bits of st_mode (POSIX sys/stat.h: S_IFMT and its values). */
  private static final int S_IFMT = 0170000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFSOCK = 0140000;

  private SpecialFiles() {}

  /** E.g. "a named pipe (FIFO): not read, reading could block forever". */
  static String describe(Path path) {
    String kind;
    try {
      // The "unix" attribute view exists on Linux and macOS JDKs; elsewhere the kind stays vague.
      int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      kind = switch (mode & S_IFMT) {
        case S_IFIFO -> "a named pipe (FIFO)";
        case S_IFCHR -> "a character device";
        case S_IFBLK -> "a block device";
        case S_IFSOCK -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      kind = "a special file";
    }
    return kind + ": not read, reading one could block forever or never end";
  }
}
