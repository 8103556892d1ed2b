package dev.smelt.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.model.EngineThread;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.TrainingProgress;
import io.temporal.failure.ApplicationFailure;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class StageHeartbeatTest {
  private final List<TrainingProgress> sent = new CopyOnWriteArrayList<>();

  @Test
  void keepAliveBeatsWhileProgressChangesAndStopsOnceItStandsStill() {
    AtomicLong now = new AtomicLong();
    long minute = 60_000_000_000L;
    StageHeartbeat hb = new StageHeartbeat(Stage.FINETUNE, sent::add, 10, now::get, false);
    for (int step = 1; step <= 3; step++) { // 9 minutes a step: never 10 without a new step
      now.addAndGet(9 * minute);
      hb.progress(Stage.FINETUNE.progress(step, 3));
      now.addAndGet(minute / 2);
      hb.check();
    }
    assertFalse(hb.stalled());
    assertEquals(6, sent.size(), "each report and each keep-alive tick is sent");

    now.addAndGet(9 * minute);
    hb.progress(Stage.FINETUNE.progress(3, 3)); // the same report again is no progress
    hb.check();
    assertFalse(hb.stalled(), "9.5 minutes since step 3 was first reported");
    now.addAndGet(minute / 2);
    hb.check();
    assertTrue(hb.stalled(), "10 minutes since step 3 was first reported");
    assertEquals(8, sent.size(), "the stalled tick sends no heartbeat");
    hb.check();
    assertEquals(8, sent.size());
    ApplicationFailure f = assertThrows(ApplicationFailure.class,
        () -> hb.progress(Stage.FINETUNE.progress(4, 4)));
    assertEquals(StageHeartbeat.STALLED, f.getType());
    assertFalse(f.isNonRetryable(), "a stalled attempt is retried");
    assertTrue(f.getOriginalMessage().contains("fine-tuning made no progress for 10 minutes "
        + "(stallMinutes.finetune)"), f.getOriginalMessage());
    Thread.interrupted(); // check() interrupted this thread, the attempt's
    hb.close();
  }

  @Test
  void zeroStallMinutesNeverStopsTheKeepAlive() {
    AtomicLong now = new AtomicLong();
    StageHeartbeat hb = new StageHeartbeat(Stage.TOKENIZER, sent::add, 0, now::get, false);
    now.addAndGet(Long.MAX_VALUE / 2);
    hb.check();
    assertFalse(hb.stalled());
    assertEquals(1, sent.size());
    hb.close();
  }

  /** The product path: a body stuck on the engine thread is interrupted and fails as stalled. */
  @Test
  void aBodyThatStopsMakingProgressFailsAfterItsStallMinutes() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    ApplicationFailure f;
    try (StageHeartbeat hb = new StageHeartbeat(Stage.EVALUATE, sent::add, 0.005, System::nanoTime,
        true)) {
      StageShell.StageContext ctx = new StageShell.StageContext(null, null, Optional.empty(),
          hb::progress);
      f = assertThrows(ApplicationFailure.class, () -> StageShell.attempt(hb, ctx, c -> {
        c.progress().accept(Stage.EVALUATE.progress(1, 5));
        return EngineThread.call(() -> {
          try {
            never.await(); // a metric that hangs
          } catch (InterruptedException e) {
            throw new InterruptedIOException("metric interrupted");
          }
          return 0;
        });
      }));
    }
    assertEquals(StageHeartbeat.STALLED, f.getType());
    assertTrue(f.getOriginalMessage().contains("evaluation made no progress for 0.005 minutes "
        + "(stallMinutes.evaluate)"), f.getOriginalMessage());
    assertFalse(Thread.currentThread().isInterrupted(), "close() clears the attempt's interrupt");
    assertEquals(7, (int) EngineThread.call(() -> 7), "the engine thread is free again");
    assertTrue(sent.contains(Stage.EVALUATE.progress(1, 5)));
  }
}
