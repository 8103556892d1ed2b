package dev.smelt.activities.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a scheduled run would read, as one SHA-256: the config file's bytes and every input file's
 * (path, size, modification time). Cheap (no input is read), and stands in until the stage
 * fingerprints of the cache replace it; a touched file counts as changed, which errs on the side
 * of training.
 */
public final class InputFingerprint {
  private InputFingerprint() {}

  /** The fingerprint of {@code config} and the files under {@code inputs} (files or folders). */
  public static String of(Path config, List<String> inputs) throws IOException {
    MessageDigest sha = sha256();
    sha.update(("config " + HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(config))) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    for (String input : inputs.stream().sorted().toList()) {
      for (String line : fileLines(Path.of(input))) {
        sha.update(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** One line per regular file under {@code input}, in path order; a missing input is a line too. */
  private static List<String> fileLines(Path input) throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.exists(input)) {
      lines.add("missing " + input + "\n");
      return lines;
    }
    try (Stream<Path> files = Files.walk(input)) {
      for (Path f : files.sorted().toList()) {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        if (a.isRegularFile()) {
          lines.add("file " + f + "\0" + a.size() + "\0" + a.lastModifiedTime().toMillis() + "\n");
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return lines;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
