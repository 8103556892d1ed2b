package dev.smelt.infra.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Folders a hostile run id might aim at, and a snapshot of everything in a tree (each path with
 * its SHA-256, link target or "dir"), so a test can show that nothing there changed.
 */
public final class SentinelFolders {
  private SentinelFolders() {}

  /** {@code dir}/sentinel with the two files the issue saw lost; {@code dir}/runs with one more. */
  public static void plant(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("sentinel/data"));
    Files.writeString(dir.resolve("sentinel/data/important.txt"), "keep me");
    Files.writeString(dir.resolve("sentinel/config.yaml"), "name: not-yours\n");
    Files.createDirectories(dir.resolve("runs/data"));
    Files.writeString(dir.resolve("runs/data/important.txt"), "the runs root is no run folder");
  }

  public static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> seen = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        seen.put(dir.relativize(p).toString(), Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
            : Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
      }
    }
    return seen;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
