package dev.smelt.activities.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/** One SHA-256 over every path, link target and file content of a folder: a sentinel's seal. */
public final class FolderChecksum {
  private FolderChecksum() {}

  public static String of(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path p : all.sorted().toList()) {
        sha.update((dir.relativize(p) + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (Files.isSymbolicLink(p)) {
          sha.update(("-> " + Files.readSymbolicLink(p)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          sha.update(Files.readAllBytes(p));
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
