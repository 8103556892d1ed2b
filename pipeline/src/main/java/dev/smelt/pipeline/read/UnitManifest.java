package dev.smelt.pipeline.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code data/manifest.json}: the read units of the data stage that are done, each with the
 * SHA-256 of its output in {@code data/units/}, and what they were read from and with: the input
 * fingerprints, a hash of the config, the code version. Rewritten whole (temp + rename) as each
 * unit finishes, so a kill leaves the last complete manifest.
 *
 * @param codeVersion the code that read the units (the caller's code hash)
 * @param configHash hash of the config section and reader settings the units were read with
 * @param inputs the input files as they were when the units were read
 * @param units the units done, by key
 */
public record UnitManifest(String codeVersion, String configHash, List<InputFingerprint> inputs,
    List<UnitRecord> units) {
  public static final String FILE = "manifest.json";
  public static final String UNITS_FOLDER = "units";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** Units of one JVM finish on several threads; each records under this lock. */
  private static final Object LOCK = new Object();

  public UnitManifest {
    inputs = List.copyOf(inputs);
    units = List.copyOf(units);
  }

  /**
   * One finished unit.
   *
   * @param key the {@link WorkUnit#key()}
   * @param reads what it read ({@link WorkUnit#describe()})
   * @param output its file, relative to the data folder
   * @param sha256 the SHA-256 of that file
   * @param decisions documents and read rejects in it
   */
  public record UnitRecord(String key, String reads, String output, String sha256, long decisions) {}

  /** Documents and read rejects of every recorded unit: what the chain over them decides. */
  public long decisions() {
    return units.stream().mapToLong(UnitRecord::decisions).sum();
  }

  /** Where unit {@code key}'s output lies, relative to the data folder. */
  static String outputOf(String key) {
    return UNITS_FOLDER + "/" + key + ".bin";
  }

  /** The manifest in {@code dataDir}, or empty if there is none or it cannot be parsed. */
  public static Optional<UnitManifest> read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), UnitManifest.class));
    } catch (IOException e) {
      return Optional.empty(); // a manifest that cannot be read records nothing
    }
  }

  /** This manifest with {@code unit} recorded (replacing an older record of its key). */
  UnitManifest with(UnitRecord unit) {
    List<UnitRecord> all = new ArrayList<>(units.stream().filter(u -> !u.key().equals(unit.key())).toList());
    all.add(unit);
    all.sort(Comparator.comparing(UnitRecord::key));
    return new UnitManifest(codeVersion, configHash, inputs, all);
  }

  /** Writes this manifest to {@code dataDir} atomically. */
  void write(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    Path temp = dataDir.resolve(FILE + ".tmp");
    try {
      Files.createDirectories(dataDir);
      JSON.writeValue(temp.toFile(), this);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Adds a finished unit to the manifest in {@code dataDir}, which {@link ResumePlan} wrote
   * before the units started.
   *
   * @throws IllegalStateException if that manifest is gone
   */
  static void record(Path dataDir, UnitRecord unit) {
    synchronized (LOCK) {
      UnitManifest current = read(dataDir).orElseThrow(() -> new IllegalStateException(
          "the data manifest " + dataDir.resolve(FILE) + " vanished while its units were read"));
      current.with(unit).write(dataDir);
    }
  }
}
