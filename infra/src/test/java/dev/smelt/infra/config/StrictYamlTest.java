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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  /**
   * Each case: YAML laid after a minimal config (| stands for a line break; quoted where it starts
   * with the indent of a finetune key), and the message.
   */
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "seed: 1|seed: 2; key 'seed' is given twice",
      "pretrain:|  steps: 10|  batchSize: 8|  steps: 20; key 'pretrain.steps' is given twice",
      "pretrain:|  steps: 10|pretrain:|  batchSize: 8; key 'pretrain' is given twice",
      "pretrain:|  batchSize: 8.7; key 'pretrain.batchSize': 8.7 is not an integer",
      "'  curveSizes: [50, 12.5]'; key 'finetune.curveSizes[1]': 12.5 is not an integer"})
  void rejectsDuplicateKeysAndFractionsForIntegersNamingTheKey(String yaml, String expected)
      throws IOException {
    String m = problem(MINIMAL + yaml.replace('|', '\n') + "\n");
    assertTrue(m.contains(expected), m);
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
