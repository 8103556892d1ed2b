package dev.smelt.activities.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.fingerprint.RunInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The last run of a schedule that succeeded and what it read, kept in
 * {@code <runs root>/@schedules/<schedule>.json} (a run id holds no '@', so it meets no run).
 * A file on the shared run storage serves both backends: Temporal Schedules keep no state of ours.
 *
 * @param fingerprint {@link RunInputs#fingerprint()} of what it read
 * @param inputs what it read, stage by stage, to name what changed; null in a record written
 *     before stage fingerprints decided
 */
public record LastGoodRun(String runId, String fingerprint, RunInputs inputs) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path file(Path runsRoot, String schedule) {
    return runsRoot.resolve("@schedules").resolve(schedule + ".json");
  }

  static Optional<LastGoodRun> read(Path runsRoot, String schedule) throws IOException {
    Path f = file(runsRoot, schedule);
    return Files.exists(f) ? Optional.of(JSON.readValue(f.toFile(), LastGoodRun.class)) : Optional.empty();
  }

  /** Written to a temporary file and renamed, so a reader never sees half of it. */
  void write(Path runsRoot, String schedule) throws IOException {
    Path f = file(runsRoot, schedule);
    Files.createDirectories(f.getParent());
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
