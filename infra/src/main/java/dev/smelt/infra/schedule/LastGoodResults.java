package dev.smelt.infra.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.run.RunId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The line `schedule describe` adds about a schedule's last good run, from the runs root it can
 * read: the run id the workers recorded in {@code @schedules/NAME.json} and that run's held-out
 * perplexity and task accuracy from its results.json.
 */
public final class LastGoodResults {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LastGoodResults() {}

  /** "last good: run R (perplexity P, sentiment accuracy A)", or empty when none is recorded. */
  public static Optional<String> line(Path runsRoot, String schedule) {
    Path record = runsRoot.resolve("@schedules").resolve(schedule + ".json");
    try {
      if (!Files.isRegularFile(record)) {
        return Optional.empty();
      }
      String runId = JSON.readTree(record.toFile()).path("runId").asText();
      if (RunId.problem(runId).isPresent()) {
        return Optional.of("last good: unreadable (" + record + ")");
      }
      Path results = runsRoot.resolve(runId).resolve("results.json");
      if (!Files.isRegularFile(results)) {
        return Optional.of("last good: run " + runId + " (no results.json under " + runsRoot + ")");
      }
      JsonNode eval = JSON.readTree(results.toFile()).path("eval");
      return Optional.of(String.format(Locale.ROOT, "last good: run %s (perplexity %.2f, %s "
          + "accuracy %.1f %%)", runId, eval.path("perplexity").asDouble(Double.NaN),
          eval.path("task").asText("task"), 100 * eval.path("accuracy").asDouble(Double.NaN)));
    } catch (IOException unreadable) {
      return Optional.of("last good: unreadable (" + record + ")");
    }
  }
}
