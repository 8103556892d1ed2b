package dev.smelt.activities.checkpoint;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The result of one finished piece of a stage (a learning-curve model, an evaluation metric) as
 * a JSON file {@code {"key": …, "value": …}}, written under a temporary name and renamed into
 * place, so a retry reuses it instead of redoing the work. The key hashes the piece's inputs: a file
 * written for other inputs (another model, other data) reads as absent, as does a damaged one.
 */
public final class KeyedResult {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyedResult() {}

  /** The value stored at {@code file} under {@code key}, or empty. */
  public static <T> Optional<T> read(Path file, String key, Class<T> type) {
    return read(file, key, JSON.constructType(type));
  }

  /** As above, for a generic type ({@code List<CurvePoint>}). */
  public static <T> Optional<T> read(Path file, String key, JavaType type) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (n == null || !key.equals(n.path("key").asText(null))) {
        return Optional.empty();
      }
      return Optional.of(JSON.convertValue(n.get("value"), type));
    } catch (IOException | IllegalArgumentException damaged) { // redoing the piece is the cure
      return Optional.empty();
    }
  }

  /** Stores {@code value} under {@code key}, atomically. */
  public static void write(Path file, String key, Object value) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    ObjectNode n = JSON.createObjectNode().put("key", key);
    n.set("value", JSON.valueToTree(value));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** A short hex key of {@code parts}, joined by '|'. */
  public static String key(Object... parts) {
    StringBuilder s = new StringBuilder();
    for (Object p : parts) {
      s.append(p).append('|');
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
