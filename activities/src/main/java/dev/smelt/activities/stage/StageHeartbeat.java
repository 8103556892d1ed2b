package dev.smelt.activities.stage;

import dev.smelt.activities.metrics.StageMetrics;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.TrainingProgress;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Heartbeats of one activity attempt. {@link #progress} records the newest progress; it is sent at
 * once (Temporal throttles) and re-sent every few seconds by a keep-alive, so a stage busy in one
 * long call (tokenizer training, a Beam step) still proves its worker alive. A cancelled
 * activity is noticed on the next {@link #progress} call.
 */
public final class StageHeartbeat implements AutoCloseable {
  /** Well inside the smallest heartbeat timeout a config may set (4 s). */
  private static final long KEEP_ALIVE_SECONDS = 2;

  private final ActivityExecutionContext context;
  private final AtomicReference<TrainingProgress> latest = new AtomicReference<>();
  private final AtomicReference<ActivityCompletionException> cancelled = new AtomicReference<>();
  private final ScheduledExecutorService keepAlive;
  private final long startNanos = System.nanoTime();

  private StageHeartbeat(ActivityExecutionContext context, TrainingProgress first) {
    this.context = context;
    latest.set(first);
    keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "heartbeat-" + first.stage());
      t.setDaemon(true);
      return t;
    });
    keepAlive.scheduleAtFixedRate(this::send, 0, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
  }

  /** Starts heartbeating for the current activity, beginning with an empty {@code stage} progress. */
  static StageHeartbeat start(Stage stage) {
    return new StageHeartbeat(Activity.getExecutionContext(), stage.progress(0, 0));
  }

  /** Details of the previous attempt's last heartbeat, if this attempt is a retry. */
  static Optional<TrainingProgress> previous() {
    return Activity.getExecutionContext().getHeartbeatDetails(TrainingProgress.class);
  }

  public void progress(TrainingProgress p) {
    latest.set(p);
    StageMetrics.progress(p);
    ActivityCompletionException c = cancelled.get();
    if (c != null) {
      throw c;
    }
    send();
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
      context.heartbeat(latest.get());
    } catch (ActivityCompletionException e) {
      cancelled.compareAndSet(null, e);
    }
  }

  @Override
  public void close() {
    StageMetrics.stageAttempt(latest.get().stage(), Duration.ofNanos(System.nanoTime() - startNanos));
    // Not shutdownNow: interrupting a heartbeat in flight makes the SDK print a stack trace.
    keepAlive.shutdown();
    try {
      keepAlive.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
