package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** A bad config stops `smelt run` with exit status 2 and one line naming the key. */
class BadConfigExitTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "pretrain:\\n  stepz: 3|unknown key 'pretrain.stepz'",
      "pretrain:\\n  steps: -1|key 'pretrain.steps' must be positive",
      "data:\\n  inputs: [missing.jsonl]|key 'data.inputs[0]' no such file or folder",
      "pretrain: [1, 2|malformed YAML",
      "seed: 1\\nseed: 2|key 'seed' is given twice",
      "pretrain:\\n  steps: 3\\n  steps: 4|key 'pretrain.steps' is given twice",
      "pretrain:\\n  batchSize: 8.7|key 'pretrain.batchSize': 8.7 is not an integer",
      "data:\\n  inputs: [corpus.jsonl]\\n  pipelineArgs: [--parallelism=2, --noSuchBeamFlag=1]"
          + "|key 'data.pipelineArgs': Beam option '--noSuchBeamFlag=1' is not usable",
      "data:\\n  inputs: [corpus.jsonl]\\n  pipelineArgs: [parallelism=2]"
          + "|key 'data.pipelineArgs': Beam option 'parallelism=2' must look like --flag=value",
      "data:\\n  inputs: [corpus.jsonl]\\n  runner: NoSuchRunner|key 'data.runner': Beam option '--runner=NoSuchRunner'",
      "data:\\n  inputs: [corpus.jsonl]\\n  runner: FlinkRunner\\n  flinkMaster: jobmanager"
          + "|key 'data.flinkMaster' must be \"[local]\""})
  void badConfigExitsWithTwoAndOneLine(String yaml, String expected) throws IOException {
    Files.writeString(dir.resolve("corpus.jsonl"), "{\"text\": \"x\"}\n");
    String body = "data:\n  inputs: [corpus.jsonl]\nfinetune:\n  inputs: [corpus.jsonl]\n";
    String extra = yaml.replace("\\n", "\n");
    Path cfg = dir.resolve("bad.yaml");
    Files.writeString(cfg, extra.startsWith("data:") ? extra + "\nfinetune:\n  inputs: [corpus.jsonl]\n"
        : body + extra + "\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int code;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      code = SmeltCli.execute("run", cfg.toString(), "--runs-dir", dir.resolve("runs").toString());
    } finally {
      System.setErr(old);
    }
    String out = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(2, code, out);
    assertTrue(out.contains(expected), out);
    assertEquals(1, out.lines().count(), "one line: " + out);
    assertTrue(!Files.exists(dir.resolve("runs")), "nothing written for a bad config");
  }
}
