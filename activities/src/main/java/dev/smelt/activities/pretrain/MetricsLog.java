package dev.smelt.activities.pretrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smelt.workflows.stage.StopReason;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code metrics.jsonl}: one JSON object a line, flushed as written. Opening it for a run resumed
 * at step k drops the lines of steps after k, which the resumed run is about to write again.
 */
public final class MetricsLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  public MetricsLog(Path file, int resumedFromStep) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    List<String> kept = new ArrayList<>();
    if (resumedFromStep > 0 && Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        JsonNode n = line.isBlank() ? null : JSON.readTree(line);
        if (n != null && n.path("step").asLong() <= resumedFromStep) {
          kept.add(line);
        }
      }
    }
    Files.write(file, kept, StandardCharsets.UTF_8);
    out = Files.newBufferedWriter(file, StandardOpenOption.APPEND);
  }

  /** The last training step {@code file} logged (0 when none, or no file): how far a run got. */
  public static int lastStep(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    int last = 0;
    for (String line : Files.readAllLines(file)) {
      JsonNode n = line.isBlank() ? null : JSON.readTree(line);
      if (n != null && n.has("loss")) {
        last = Math.max(last, n.path("step").asInt());
      }
    }
    return last;
  }

  public void step(int step, double loss, double lr, long tokens, double tokensPerSecond)
      throws IOException {
    ObjectNode n = line(step);
    n.put("loss", loss).put("lr", lr).put("tokens", tokens).put("tokens_per_s", tokensPerSecond);
    write(n);
  }

  public void validation(int step, double valLoss) throws IOException {
    write(line(step).put("val_loss", valLoss).put("val_ppl", Math.exp(valLoss)));
  }

  /** Why training ended at this step ("completed", "budget", "early_stop"). */
  public void stop(int step, StopReason reason, double trainingSeconds) throws IOException {
    write(line(step).put("stop_reason", reason.json()).put("training_s", trainingSeconds));
  }

  /** Any other named number of a step, e.g. test_accuracy. */
  public void value(int step, String name, double value) throws IOException {
    write(line(step).put(name, value));
  }

  private static ObjectNode line(int step) {
    return JSON.createObjectNode().put("step", step).put("time", Instant.now().toString());
  }

  private void write(ObjectNode n) throws IOException {
    out.write(JSON.writeValueAsString(n));
    out.newLine();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
