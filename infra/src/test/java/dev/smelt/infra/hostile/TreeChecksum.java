package dev.smelt.infra.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SHA-256 over a folder tree as it stands — every entry's relative path, type, size and
 * modification time, link targets, and (when asked) regular files' bytes — without following
 * links or opening pipes, so that a test can show a run changed nothing there.
 */
final class TreeChecksum {
  private TreeChecksum() {}

  static String of(Path root, boolean withContents) throws IOException {
    MessageDigest digest = sha256();
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(root)) {
      entries = walk.sorted().toList();
    }
    for (Path entry : entries) {
      BasicFileAttributes attrs =
          Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      String type = attrs.isSymbolicLink() ? "link:" + Files.readSymbolicLink(entry)
          : attrs.isDirectory() ? "dir" : attrs.isRegularFile() ? "file" : "other";
      digest.update((root.relativize(entry) + "\0" + type + "\0" + attrs.size() + "\0"
          + attrs.lastModifiedTime().toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
      if (withContents && attrs.isRegularFile()) {
        digest.update(Files.readAllBytes(entry));
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
