package dev.smelt.activities.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunIdTest {
  @ParameterizedTest
  @ValueSource(strings = {"demo-20261201-120000", "a", "run_2.b", "...", ".hidden", "A-Z_0.9"})
  void acceptsPlainNames(String id) {
    assertEquals(Optional.empty(), RunId.problem(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "../x", "../../x", "/tmp/x", "a/b", "a\\b", "x y", "x\ny",
      "x\u0000y", "café", "~", "$HOME"})
  void refusesEveryIdThatIsNotAPlainName(String id) {
    Optional<String> problem = RunId.problem(id);
    assertTrue(problem.isPresent(), id);
    assertTrue(problem.get().lines().count() == 1, "one line: " + problem.get());
  }

  @Test
  void acceptsOneHundredCharactersAndRefusesOneMore() {
    assertEquals(Optional.empty(), RunId.problem("r".repeat(RunId.MAX_LENGTH)));
    assertTrue(RunId.problem("r".repeat(RunId.MAX_LENGTH + 1)).orElseThrow().contains("longer than 100"));
  }

  @Test
  void refusesNullAsEmpty() {
    assertEquals(Optional.of("run id is empty"), RunId.problem(null));
  }
}
