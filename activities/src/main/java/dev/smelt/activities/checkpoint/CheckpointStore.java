package dev.smelt.activities.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.checkpoint.SafeTensors.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints as {@code step-NNNNNNNN/} folders: written under a {@code .tmp} name, every file
 * fsync'd, {@code SHA256SUMS} written last, then renamed into place in one atomic step. The newest
 * {@code keep} are kept. Reading verifies the sums and falls back past a damaged newest one.
 */
public final class CheckpointStore {
  public static final String MODEL = "model.safetensors";
  public static final String OPTIMIZER = "optimizer.safetensors";
  public static final String STATE = "state.json";
  public static final String SUMS = "SHA256SUMS";
  private static final List<String> FILES = List.of(MODEL, OPTIMIZER, STATE);
  private static final Pattern NAME = Pattern.compile("step-(\\d{8})");
  // slf4j, as the rest of the worker: this warning carries the run and stage (a System.Logger
  // line would go to java.util.logging, untagged).
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final int keep;

  public CheckpointStore(Path root, int keep) {
    this.root = root;
    this.keep = Math.max(1, keep);
  }

  /** A checkpoint read back: weights, optimizer state and the training state. */
  public record Loaded(Path dir, Map<String, Tensor> model, Map<String, Tensor> optimizer,
      TrainingState state) {}

  public Path save(Map<String, Tensor> model, Map<String, Tensor> optimizer, TrainingState state)
      throws IOException {
    String name = String.format("step-%08d", state.step());
    Path tmp = root.resolve(name + ".tmp");
    Path dir = root.resolve(name);
    deleteTree(tmp);
    Files.createDirectories(tmp);
    SafeTensors.write(tmp.resolve(MODEL), model, Map.of("format", "pt"));
    SafeTensors.write(tmp.resolve(OPTIMIZER), optimizer, Map.of());
    writeSynced(tmp.resolve(STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
    StringBuilder sums = new StringBuilder();
    for (String f : FILES) {
      sums.append(sha256(tmp.resolve(f))).append("  ").append(f).append('\n');
    }
    writeSynced(tmp.resolve(SUMS), sums.toString().getBytes(StandardCharsets.UTF_8));
    syncDirectory(tmp);
    deleteTree(dir); // a damaged checkpoint of the same step, left by an earlier attempt
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(root);
    prune();
    return dir;
  }

  /** The newest checkpoint whose files match their sums; damaged newer ones are logged, skipped. */
  public Optional<Path> latestGood() {
    List<Path> all = list();
    for (int i = all.size() - 1; i >= 0; i--) {
      Path dir = all.get(i);
      Optional<String> problem = problem(dir);
      if (problem.isEmpty()) {
        return Optional.of(dir);
      }
      LOG.warn("skipping damaged checkpoint {}: {}", dir, problem.get());
    }
    return Optional.empty();
  }

  public Loaded load(Path dir) throws IOException {
    Optional<String> problem = problem(dir);
    if (problem.isPresent()) {
      throw new IOException("checkpoint " + dir + " is damaged: " + problem.get());
    }
    return new Loaded(dir, SafeTensors.read(dir.resolve(MODEL)),
        SafeTensors.read(dir.resolve(OPTIMIZER)),
        JSON.readValue(dir.resolve(STATE).toFile(), TrainingState.class));
  }

  /** Why a checkpoint folder cannot be trusted, or empty when every sum matches. */
  public static Optional<String> problem(Path dir) {
    Path sums = dir.resolve(SUMS);
    if (!Files.isRegularFile(sums)) {
      return Optional.of("no " + SUMS);
    }
    try {
      List<String> lines = Files.readAllLines(sums);
      List<String> listed = new ArrayList<>();
      for (String line : lines) {
        String[] parts = line.split(" [ *]", 2);
        if (parts.length != 2) {
          return Optional.of("malformed line in " + SUMS + ": " + line);
        }
        listed.add(parts[1]);
        Path f = dir.resolve(parts[1]);
        if (!Files.isRegularFile(f)) {
          return Optional.of(parts[1] + " is missing");
        }
        if (!sha256(f).equals(parts[0])) {
          return Optional.of(parts[1] + " does not match its sha256");
        }
      }
      if (!listed.containsAll(FILES)) {
        return Optional.of(SUMS + " does not cover " + FILES);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(e.toString());
    }
  }

  /** Removes every checkpoint and the folder: the work they were for is finished and kept. */
  public void deleteAll() throws IOException {
    deleteTree(root);
  }

  /** Complete checkpoint folders, oldest first. */
  public List<Path> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int stepOf(Path dir) {
    Matcher m = NAME.matcher(dir.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(dir + " is not a step-NNNNNNNN checkpoint folder");
    }
    return Integer.parseInt(m.group(1));
  }

  private void prune() throws IOException {
    List<Path> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      deleteTree(all.get(i));
    }
  }

  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeSynced(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
