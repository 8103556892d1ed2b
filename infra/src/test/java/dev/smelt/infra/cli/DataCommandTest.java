package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `smelt data CONFIG` runs the data stage alone, with no Temporal, and prints the funnel. */
class DataCommandTest {
  @TempDir Path dir;

  private CliCapture.Result smeltData(String... flags) {
    List<String> args = new ArrayList<>(List.of("data",
        EndToEndRunTest.EXAMPLES.resolve("tiny.yaml").toString(), "--out", dir.toString()));
    args.addAll(List.of(flags));
    return CliCapture.smelt(args.toArray(String[]::new));
  }

  @Test
  void dataStageAlonePrintsAReconciledFunnel() {
    CliCapture.Result call = smeltData();
    String printed = call.out();
    assertEquals(0, call.code(), printed + call.err());
    assertTrue(printed.contains("read 28 = kept "), printed);
    assertTrue(printed.contains("dedup DUPLICATE"), printed);
    assertTrue(printed.contains("read INVALID_JSON"), printed);
    assertTrue(Files.isRegularFile(dir.resolve("stats.json")));
  }

  @Test
  void aBeamFlagBeamCannotUseAfterTheConfigExitsWithTwoNamingIt() {
    CliCapture.Result call = smeltData("--parallelizm=2");
    assertEquals(2, call.code(), call.err());
    assertTrue(call.err().contains("Beam option '--parallelizm=2' is not usable"), call.err());
    assertEquals(1, call.err().lines().count(), "one line: " + call.err());
    assertTrue(!Files.exists(dir.resolve("stats.json")), "nothing run");
  }
}
