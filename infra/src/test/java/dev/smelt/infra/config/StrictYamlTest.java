package dev.smelt.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key given twice and a fraction for an integer key are errors naming the key, not guesses. */
class StrictYamlTest {
  private static final String MINIMAL =
      "data:\n  inputs: [corpus.txt]\nfinetune:\n  inputs: [corpus.txt]\n";

  @TempDir Path dir;

  private String problem(String yaml) throws IOException {
    Files.writeString(dir.resolve("corpus.txt"), "some text");
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, yaml);
    String message = assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage();
    assertEquals(1, message.lines().count(), message);
    return message;
  }

  @Test
  void rejectsTopLevelKeyGivenTwiceNamingIt() throws IOException {
    String m = problem("seed: 1\n" + MINIMAL + "seed: 2\n");
    assertTrue(m.contains("key 'seed' is given twice"), m);
  }

  @Test
  void rejectsNestedKeyGivenTwiceNamingItsPath() throws IOException {
    String m = problem(MINIMAL + "pretrain:\n  steps: 10\n  batchSize: 8\n  steps: 20\n");
    assertTrue(m.contains("key 'pretrain.steps' is given twice"), m);
  }

  @Test
  void rejectsSectionGivenTwice() throws IOException {
    String m = problem(MINIMAL + "pretrain:\n  steps: 10\npretrain:\n  batchSize: 8\n");
    assertTrue(m.contains("key 'pretrain' is given twice"), m);
  }

  @Test
  void rejectsFractionForIntegerKeyInsteadOfTruncating() throws IOException {
    String m = problem(MINIMAL + "pretrain:\n  batchSize: 8.7\n");
    assertTrue(m.contains("key 'pretrain.batchSize': 8.7 is not an integer"), m);
  }

  @Test
  void rejectsFractionInListOfIntegersNamingTheItem() throws IOException {
    String m = problem("data:\n  inputs: [corpus.txt]\nfinetune:\n  inputs: [corpus.txt]\n"
        + "  curveSizes: [50, 12.5]\n");
    assertTrue(m.contains("key 'finetune.curveSizes[1]': 12.5 is not an integer"), m);
  }

  @Test
  void acceptsWholeNumbersForIntegerKeysAndFractionsForFractionKeys() throws IOException {
    Files.writeString(dir.resolve("corpus.txt"), "some text");
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, MINIMAL + "  curveSizes: [50, 100]\npretrain:\n  batchSize: 8\n"
        + "  learningRate: 1\n");
    var c = ConfigLoader.load(f);
    assertEquals(8, c.pretrain().batchSize());
    assertEquals(1.0, c.pretrain().learningRate());
    assertEquals(List.of(50, 100), c.finetune().curveSizes());
  }

  @Test
  void contextTooShortForTheBiasProbeIsRefusedUpFrontNamingTheKey() throws IOException {
    Files.writeString(dir.resolve("corpus.txt"), "some text");
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, MINIMAL + "model:\n  preset: custom\n  contextLength: 64\n");
    var causal = ConfigLoader.load(f);
    ConfigValidator.requireBiasProbeFits(causal, 64);
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigValidator.requireBiasProbeFits(causal, 65));
    assertTrue(e.getMessage().startsWith("key 'model.contextLength' must be at least 65 for the "
        + "bias probe"), e.getMessage());
    Files.writeString(f, MINIMAL + "model:\n  preset: custom\n  contextLength: 64\n"
        + "pretrain:\n  objective: masked\n");
    ConfigValidator.requireBiasProbeFits(ConfigLoader.load(f), 65); // a masked LM is not probed
  }
}
