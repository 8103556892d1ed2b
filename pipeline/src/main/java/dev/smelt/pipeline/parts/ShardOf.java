package dev.smelt.pipeline.parts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shard of a row, by a hash of its key alone: the same on every runner, JVM and parallelism.
 * Bytes 8–15 of SHA-256, so it is independent of the held-out split, which uses bytes 0–7.
 */
final class ShardOf {
  private ShardOf() {}

  static int index(String key, int shards) {
    byte[] digest = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
    long bits = 0;
    for (int i = 8; i < 16; i++) {
      bits = (bits << 8) | (digest[i] & 0xFF);
    }
    return (int) Long.remainderUnsigned(bits, shards);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
