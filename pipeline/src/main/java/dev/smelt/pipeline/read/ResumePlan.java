package dev.smelt.pipeline.read;

import dev.smelt.pipeline.read.UnitManifest.UnitRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which work units an attempt of the data stage still has to read: a unit is done when the
 * manifest records it, its output's SHA-256 matches, none of its input files changed, and the
 * code and config are those it was read with. Everything else is read again; each reason is one
 * line to {@code log}. Writes the manifest of this attempt (the done units only) and removes unit
 * files no done unit owns, before any unit is read.
 *
 * @param done units whose recorded outputs are reused
 * @param todo units to read, in listing order
 */
public record ResumePlan(List<WorkUnit> done, List<WorkUnit> todo) {
  public ResumePlan {
    done = List.copyOf(done);
    todo = List.copyOf(todo);
  }

  /**
   * Plans the read of {@code units} into {@code dataDir}.
   *
   * @param files the corpus entries the units read
   * @param codeVersion the code's version; a change redoes every unit
   * @param configHash the settings' hash; a change redoes every unit
   */
  public static ResumePlan of(Path dataDir, List<WorkUnit> units, List<CorpusFile> files,
      String codeVersion, String configHash, Consumer<String> log) {
    Optional<UnitManifest> earlier = UnitManifest.read(dataDir);
    Map<String, InputFingerprint> before = earlier.map(m -> m.inputs().stream()
        .collect(Collectors.toMap(InputFingerprint::path, f -> f, (a, b) -> a))).orElse(Map.of());
    List<InputFingerprint> inputs = InputFingerprint.of(files, before);
    Map<String, UnitRecord> recorded = earlier.map(m -> recordedIfStillValid(m, codeVersion,
        configHash, log)).orElse(Map.of());
    Set<String> changed = changedInputs(inputs, before, recorded.isEmpty(), log);

    List<WorkUnit> done = new ArrayList<>();
    List<WorkUnit> todo = new ArrayList<>();
    List<UnitRecord> kept = new ArrayList<>();
    for (WorkUnit unit : units) {
      UnitRecord record = recorded.get(unit.key());
      if (record != null && unit.files().stream().noneMatch(changed::contains)
          && outputIntact(dataDir, record, log)) {
        done.add(unit);
        kept.add(record);
      } else {
        todo.add(unit);
      }
    }
    UnitManifest manifest = new UnitManifest(codeVersion, configHash, inputs, List.of());
    for (UnitRecord record : kept) {
      manifest = manifest.with(record);
    }
    manifest.write(dataDir);
    removeUnowned(dataDir, kept.stream().map(UnitRecord::output).collect(Collectors.toSet()));
    if (!done.isEmpty()) {
      log.accept("data: " + done.size() + " of " + units.size() + " read units recorded in "
          + UnitManifest.FILE + " and verified; reading the other " + todo.size());
    }
    return new ResumePlan(done, todo);
  }

  private static Map<String, UnitRecord> recordedIfStillValid(UnitManifest m, String codeVersion,
      String configHash, Consumer<String> log) {
    if (!m.codeVersion().equals(codeVersion)) {
      log.accept("data: the code changed since " + m.units().size() + " read units were recorded; "
          + "reading every unit again");
      return Map.of();
    }
    if (!m.configHash().equals(configHash)) {
      log.accept("data: the data config changed since " + m.units().size()
          + " read units were recorded; reading every unit again");
      return Map.of();
    }
    return m.units().stream().collect(Collectors.toMap(UnitRecord::key, Function.identity(), (a, b) -> b));
  }

  /** Input files whose content is not what the manifest recorded, each logged once. */
  private static Set<String> changedInputs(List<InputFingerprint> now,
      Map<String, InputFingerprint> before, boolean quiet, Consumer<String> log) {
    Set<String> changed = new HashSet<>();
    for (InputFingerprint f : now) {
      InputFingerprint old = before.get(f.path());
      if (old != null && !old.sha256().equals(f.sha256())) {
        changed.add(f.path());
        if (!quiet) {
          log.accept("data: input " + f.path() + " changed (" + old.size() + " → " + f.size()
              + " bytes, sha256 " + old.sha256().substring(0, 12) + " → " + f.sha256().substring(0, 12)
              + "); reading its units again");
        }
      }
    }
    return changed;
  }

  private static boolean outputIntact(Path dataDir, UnitRecord record, Consumer<String> log) {
    Path output = dataDir.resolve(record.output());
    try {
      if (!Files.isRegularFile(output)) {
        log.accept("data: the output of read unit " + record.key() + " (" + record.reads()
            + ") is missing; reading it again");
        return false;
      }
      if (!UnitFile.sha256Of(output).equals(record.sha256())) {
        log.accept("data: the output of read unit " + record.key() + " (" + record.reads()
            + ") does not match its recorded sha256; reading it again");
        return false;
      }
      return true;
    } catch (IOException e) {
      log.accept("data: cannot read the output of read unit " + record.key() + ": " + e.getMessage()
          + "; reading it again");
      return false;
    }
  }

  /** Unit files of units not done (stale or half written) go, so none mixes into the output. */
  private static void removeUnowned(Path dataDir, Set<String> owned) {
    Path folder = dataDir.resolve(UnitManifest.UNITS_FOLDER);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        if (!owned.contains(UnitManifest.UNITS_FOLDER + "/" + entry.getFileName())) {
          Files.deleteIfExists(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear stale read units in " + folder + ": "
          + e.getMessage(), e);
    }
  }
}
