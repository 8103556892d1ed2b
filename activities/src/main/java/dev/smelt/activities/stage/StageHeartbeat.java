package dev.smelt.activities.stage;

import dev.smelt.activities.log.StageLog;
import dev.smelt.activities.metrics.StageMetrics;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.TrainingProgress;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Heartbeats of one activity attempt. {@link #progress} records the newest progress; it is sent at
 * once (Temporal throttles) and re-sent every few seconds by a keep-alive, so a stage busy in one
 * long call (tokenizer training, a Beam step) still proves its worker alive — but only for
 * {@code stallMinutes} after the last report that changed: past that the keep-alive stops, the
 * attempt's thread is interrupted and the attempt fails with a retryable {@link #STALLED} failure
 * (and, should the thread never come back, the heartbeat timeout fails it). A cancelled activity
 * is noticed on the next {@link #progress} call.
 */
public final class StageHeartbeat implements AutoCloseable {
  /** Application failure type of an attempt that made no progress for its stallMinutes. */
  public static final String STALLED = "SmeltStageStalled";
  /** Well inside the smallest heartbeat timeout a config may set (4 s). */
  private static final long KEEP_ALIVE_MILLIS = 2000;

  /** Sends one heartbeat; throws {@link ActivityCompletionException} once the activity is over. */
  @FunctionalInterface
  interface Beats {
    void send(TrainingProgress p);
  }

  private final Stage stage;
  private final Beats beats;
  private final double stallMinutes;
  private final long stallNanos;
  private final LongSupplier clock;
  private final Thread attempt = Thread.currentThread();
  private final AtomicReference<TrainingProgress> latest = new AtomicReference<>();
  private final AtomicReference<ActivityCompletionException> cancelled = new AtomicReference<>();
  private final AtomicBoolean stalled = new AtomicBoolean();
  private final ScheduledExecutorService keepAlive;
  private volatile long lastProgressNanos;

  /**
   * Heartbeats for the attempt running on the calling thread. {@code clock} gives nanoseconds;
   * {@code keepAlive} false leaves {@link #check} to the caller (tests).
   */
  StageHeartbeat(Stage stage, Beats beats, double stallMinutes, LongSupplier clock,
      boolean keepAlive) {
    this.stage = stage;
    this.beats = beats;
    this.stallMinutes = stallMinutes;
    this.stallNanos = (long) (stallMinutes * 60e9);
    this.clock = clock;
    this.lastProgressNanos = clock.getAsLong();
    latest.set(stage.progress(0, 0));
    if (!keepAlive) {
      this.keepAlive = null;
      return;
    }
    this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "heartbeat-" + stage.id());
      t.setDaemon(true);
      return t;
    });
    // Checked often enough that a stall is noticed within a quarter of its minutes.
    long period = Math.max(10, Math.min(KEEP_ALIVE_MILLIS, stallNanos / 4_000_000));
    // The SDK's heartbeat lines then carry the attempt's run and stage.
    this.keepAlive.scheduleAtFixedRate(StageLog.carryingRun(this::check), 0,
        stallNanos > 0 ? period : KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Starts heartbeating for the current activity, from an empty {@code stage} progress. */
  static StageHeartbeat start(Stage stage, double stallMinutes) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    return new StageHeartbeat(stage, context::heartbeat, stallMinutes, System::nanoTime, true);
  }

  /** Details of the previous attempt's last heartbeat, if this attempt is a retry. */
  static Optional<TrainingProgress> previous() {
    return Activity.getExecutionContext().getHeartbeatDetails(TrainingProgress.class);
  }

  /** Records progress: a report that differs from the last one restarts the stall clock. */
  public void progress(TrainingProgress p) {
    if (!p.equals(latest.getAndSet(p))) {
      lastProgressNanos = clock.getAsLong();
    }
    StageMetrics.progress(p);
    if (stalled.get()) {
      throw stallFailure();
    }
    ActivityCompletionException c = cancelled.get();
    if (c != null) {
      throw c;
    }
    send();
  }

  /** One keep-alive tick: a heartbeat while progress is recent, else the attempt is stopped. */
  void check() {
    if (stalled.get()) {
      return;
    }
    if (stallNanos > 0 && clock.getAsLong() - lastProgressNanos >= stallNanos) {
      if (stalled.compareAndSet(false, true)) {
        attempt.interrupt(); // wakes a body waiting on the engine thread, a file or a lock
      }
      return;
    }
    send();
  }

  /** Whether the attempt went stallMinutes without progress. */
  boolean stalled() {
    return stalled.get();
  }

  /** The retryable failure an attempt ends with once {@link #stalled}. */
  ApplicationFailure stallFailure() {
    return ApplicationFailure.newFailure(stage.label() + " made no progress for "
        + minutes(stallMinutes) + " (stallMinutes." + stage.id() + "); this attempt stops and is "
        + "retried", STALLED);
  }

  private static String minutes(double m) {
    return (m == Math.rint(m) ? String.valueOf((long) m) : String.valueOf(m))
        + (m == 1 ? " minute" : " minutes");
  }

  /**
   * Whether Temporal answered a heartbeat with "stop": the activity was cancelled (a pause or a
   * cancelled run), or it is no longer known (timed out). The next {@link #progress} throws.
   */
  boolean stopRequested() {
    return cancelled.get() != null;
  }

  private void send() {
    try {
      beats.send(latest.get());
    } catch (ActivityCompletionException e) {
      cancelled.compareAndSet(null, e);
    }
  }

  @Override
  public void close() {
    if (keepAlive != null) {
      // Not shutdownNow: interrupting a heartbeat in flight makes the SDK print a stack trace.
      keepAlive.shutdown();
      try {
        keepAlive.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (stalled.get() && Thread.currentThread() == attempt) {
      Thread.interrupted(); // the pool thread runs the next attempt: leave it no stale interrupt
    }
  }
}
