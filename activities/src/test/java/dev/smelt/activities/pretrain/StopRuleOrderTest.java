package dev.smelt.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.checkpoint.TrainingState;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.StopReason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stop rules alone (no model): which reason wins, and the names they persist under. */
class StopRuleOrderTest {
  private static final double NONE = Double.NaN;

  private static StopRules rules(int maxSteps, int patience, double budgetMinutes, boolean asked) {
    return new StopRules(maxSteps, new EarlyStop(patience, 0, Double.POSITIVE_INFINITY, 0),
        new TrainingClock(budgetMinutes, 0, 0), () -> asked);
  }

  @Test
  void goesOnUntilARuleFires() {
    StopRules r = rules(10, 2, 0, false);
    assertEquals(Optional.empty(), r.after(1, 3.0));
    assertEquals(Optional.empty(), r.after(2, NONE), "no measurement: patience untouched");
    assertEquals(Optional.empty(), r.after(3, 3.5));
    assertEquals(Optional.of(StopReason.EARLY_STOP), r.after(4, 3.2), "2 measurements not below 3.0");
  }

  @Test
  void theLastStepWinsOverEveryOtherReason() {
    StopRules r = rules(3, 1, 1e-9, true);
    r.after(1, 1.0);
    assertEquals(Optional.of(StopReason.MAX_STEPS), r.after(3, 2.0));
  }

  @Test
  void earlyStopThenBudgetThenRequest() {
    StopRules worse = rules(10, 1, 1e-9, true);
    worse.after(1, 1.0); // budget of 1e-9 minutes: already spent at step 1, so that one stops too
    assertEquals(Optional.of(StopReason.EARLY_STOP), worse.after(2, 2.0));
    assertEquals(Optional.of(StopReason.BUDGET), rules(10, 0, 1e-9, true).after(1, NONE));
    assertEquals(Optional.of(StopReason.STOPPED), rules(10, 0, 0, true).after(1, NONE));
    assertEquals(Optional.empty(), rules(10, 0, 0, false).after(1, 5.0), "patience 0: never");
  }

  @Test
  void reasonsKeepTheirPersistedNames() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertEquals("\"completed\"", json.writeValueAsString(StopReason.MAX_STEPS));
    assertEquals("\"early_stop\"", json.writeValueAsString(StopReason.EARLY_STOP));
    PretrainResult r = new PretrainResult(5, 1, 1, 1, 10, 1, 1, 0, null, 1, StopReason.STOPPED);
    String s = json.writeValueAsString(r);
    assertEquals(true, s.contains("\"stopReason\":\"stopped\""), s);
    assertEquals(StopReason.STOPPED, json.readValue(s, PretrainResult.class).stopReason());
    TrainingState t = new TrainingState(3, 0, 0, 1, "", "h", 1, 1, 1, 1, 0, 1, null, List.of());
    TrainingState back = json.readValue(json.writeValueAsString(t), TrainingState.class);
    assertEquals(null, back.stopReason(), "a run still training persists null");
    assertEquals(StopReason.BUDGET, json.readValue("\"budget\"", StopReason.class));
  }
}
