package dev.smelt.activities.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.smelt.activities.checkpoint.SafeTensors;
import dev.smelt.settings.ModelConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportReloadTest {
  @TempDir Path tmp;

  private static final long[] TOKENS = {0, 5, 17, 3, 29, 8, 8, 1};

  @Test
  void aFreshJvmReadsFinalAndComputesBitIdenticalLogits() throws Exception {
    Path dir = tmp.resolve("final");
    float[] here;
    try (NDManager root = NDManager.newBaseManager();
        Gpt gpt = new Gpt(new ModelConfig("custom", 2, 2, 16, 8, 0.1), 30, false, 7, root);
        NDManager step = gpt.manager().newSubManager()) {
      GptFiles.write(dir, gpt, Map.of(), Map.of("objective", "causal"));
      here = PrintLogits.logits(gpt, TOKENS, step);
    }
    assertTrue(SafeTensors.read(dir.resolve(GptFiles.WEIGHTS)).containsKey("h.1.attn.c_attn.weight"),
        "HF GPT-2 tensor names");
    assertTrue(Files.readString(dir.resolve(GptFiles.CONFIG)).contains("\"n_embd\" : 16"));

    float[] there = logitsInFreshJvm(dir);
    assertEquals(TOKENS.length * 30, there.length);
    assertArrayEquals(bits(here), bits(there), "logits differ bit for bit");
  }

  private static float[] logitsInFreshJvm(Path dir) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), // a surefire manifest jar still works
        "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        PrintLogits.class.getName(), dir.toString()));
    for (long t : TOKENS) {
      cmd.add(Long.toString(t));
    }
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
    assertEquals(0, p.exitValue(), "child JVM failed; stdout: " + out);
    String[] lines = out.lines().filter(l -> l.strip().matches("-?\\d+")).toArray(String[]::new);
    float[] values = new float[lines.length];
    for (int i = 0; i < lines.length; i++) {
      values[i] = Float.intBitsToFloat(Integer.parseInt(lines[i].strip()));
    }
    return values;
  }

  private static int[] bits(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.floatToRawIntBits(values[i]);
    }
    return out;
  }
}
