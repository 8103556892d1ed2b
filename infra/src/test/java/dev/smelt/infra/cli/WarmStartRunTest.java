package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tiny runs through the CLI in one runs folder: the second with {@code pretrain.initFrom:
 * last} and {@code pretrain.queue: gpu} (so `smelt run`'s own worker must poll smelt-gpu too)
 * starts from the first one's model and its report compares the two; a third, with another
 * tokenizer, is refused in one line.
 */
class WarmStartRunTest {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path config(String name, String extra) throws IOException {
    String tiny = Files.readString(EXAMPLES.resolve("tiny.yaml"))
        .replace("corpus/tiny.jsonl", EXAMPLES.resolve("corpus/tiny.jsonl").toString())
        .replace("sentiment/yelp.jsonl", EXAMPLES.resolve("sentiment/yelp.jsonl").toString())
        .replace("spam/spamassassin.jsonl", EXAMPLES.resolve("spam/spamassassin.jsonl").toString())
        .replace("  steps: 100\n", "  steps: 40\n")
        .replace("pretrain:\n", "pretrain:\n" + extra);
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(f, tiny);
    return f;
  }

  @Test
  void aWarmRunOnTheGpuQueueStartsFromTheLastModelAndAnotherTokenizerIsOneLine() throws Exception {
    Path runs = dir.resolve("runs");
    assertEquals(0, SmeltCli.execute("run", config("cold", "").toString(), "--run-id", "cold",
        "--runs-dir", runs.toString()));
    assertEquals(0, SmeltCli.execute("run",
        config("warm", "  initFrom: last\n  queue: gpu\n").toString(), "--run-id", "warm",
        "--runs-dir", runs.toString()));

    JsonNode cold = JSON.readTree(runs.resolve("cold/results.json").toFile()).get("pretrain");
    JsonNode warm = JSON.readTree(runs.resolve("warm/results.json").toFile()).get("pretrain");
    assertTrue(warm.get("firstLoss").asDouble() < cold.get("firstLoss").asDouble() - 0.5,
        "warm first loss " + warm.get("firstLoss") + ", cold " + cold.get("firstLoss"));
    JsonNode pin = JSON.readTree(runs.resolve("warm/pretrain/init-from.json").toFile());
    assertEquals("cold", pin.get("runId").asText());
    try (Stream<Path> states = Files.walk(runs.resolve("warm/pretrain/checkpoints"))) {
      for (Path s : states.filter(p -> p.endsWith("state.json")).toList()) {
        assertEquals("cold sha256:" + pin.get("sha256").asText(),
            JSON.readTree(s.toFile()).get("initFrom").asText(), s.toString());
      }
    }
    JsonNode previous = JSON.readTree(runs.resolve("warm/eval/previous.json").toFile());
    assertEquals("cold", previous.get("previousRun").asText());
    assertTrue(previous.get("previousPerplexity").asDouble() > 1, previous.toString());
    String report = Files.readString(runs.resolve("warm/report.html"));
    assertTrue(report.contains("Compared with the previous model"), "report lacks the comparison");

    Path other = config("other", "  initFrom: cold\n");
    Files.writeString(other, Files.readString(other).replace("vocabSize: 600", "vocabSize: 500"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = SmeltCli.execute("run", other.toString(), "--run-id", "other", "--runs-dir",
          runs.toString());
    } finally {
      System.setErr(oldErr);
    }
    String line = err.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.startsWith("smelt: ")).findFirst().orElse(err.toString(StandardCharsets.UTF_8));
    assertEquals(1, code, line);
    assertTrue(line.contains("key 'pretrain.initFrom': run cold was trained with another tokenizer"),
        line);
  }
}
