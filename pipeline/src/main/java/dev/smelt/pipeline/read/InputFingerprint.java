package dev.smelt.pipeline.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an input file was when its units were read: path (relative, as in its doc ids), size,
 * modification time and the SHA-256 of its bytes. Only the hash decides whether the file changed;
 * size and time let an unchanged file skip rehashing.
 */
public record InputFingerprint(String path, long size, long mtimeMillis, String sha256) {
  /**
   * The fingerprints of the files to read (skipped entries have none), taking the hash of
   * {@code earlier} for a file whose size and time are unchanged.
   *
   * @throws UncheckedIOException if a listed file cannot be read
   */
  static List<InputFingerprint> of(List<CorpusFile> files, Map<String, InputFingerprint> earlier) {
    List<InputFingerprint> out = new ArrayList<>();
    for (CorpusFile file : files) {
      if (!file.isSkipped()) {
        out.add(of(file, earlier.get(file.relativePath())));
      }
    }
    return out;
  }

  private static InputFingerprint of(CorpusFile file, InputFingerprint before) {
    Path path = file.toPath();
    try {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      long mtime = attrs.lastModifiedTime().toMillis();
      String hash = before != null && before.size() == attrs.size() && before.mtimeMillis() == mtime
          ? before.sha256() : UnitFile.sha256Of(path);
      return new InputFingerprint(file.relativePath(), attrs.size(), mtime, hash);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fingerprint input " + path + ": " + e.getMessage(), e);
    }
  }
}
