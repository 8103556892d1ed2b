package dev.smelt.activities.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a checkpoint to the data it was trained on: the sha256 of every token shard and of
 * tokenizer.json, so a resume onto other data (a re-run data stage, a swapped shard) is refused
 * instead of silently continuing on it.
 */
public final class TrainingDataHashes {
  /** Hex digits of a sha256 a message shows; enough to tell two files apart at a glance. */
  private static final int SHOWN = 12;

  private TrainingDataHashes() {}

  /** The sha256 of each of {@code files} (in the order given), named relative to {@code root}. */
  public static List<DataFile> of(Path root, List<Path> files) throws IOException {
    List<DataFile> out = new ArrayList<>();
    for (Path f : files) {
      String name = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
      out.add(new DataFile(name, CheckpointStore.sha256(f)));
    }
    return List.copyOf(out);
  }

  /**
   * What differs between the data a checkpoint recorded and the data at hand, as one phrase;
   * empty when they match, or when either side recorded nothing (a checkpoint from before this
   * record existed, or a job built without files, as in tests and benches).
   */
  public static Optional<String> difference(List<DataFile> checkpoint, List<DataFile> now) {
    if (checkpoint == null || checkpoint.isEmpty() || now.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> current = byPath(now);
    for (DataFile then : checkpoint) {
      String sha = current.remove(then.path());
      if (sha == null) {
        return Optional.of(then.path() + " is gone");
      }
      if (!sha.equals(then.sha256())) {
        return Optional.of(then.path() + " differs (sha256 " + shown(then.sha256()) + " vs "
            + shown(sha) + ")");
      }
    }
    return current.keySet().stream().findFirst().map(p -> p + " is new");
  }

  private static Map<String, String> byPath(List<DataFile> files) {
    Map<String, String> m = new LinkedHashMap<>();
    files.forEach(f -> m.put(f.path(), f.sha256()));
    return m;
  }

  private static String shown(String sha256) {
    return sha256.substring(0, Math.min(SHOWN, sha256.length())) + "…";
  }
}
