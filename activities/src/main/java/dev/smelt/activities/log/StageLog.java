package dev.smelt.activities.log;

import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.MDC;

/**
 * The run id and stage that every log line of a stage's work carries: the slf4j MDC keys
 * {@value #RUN} and {@value #STAGE}, set by the stage shell on the activity's thread and copied
 * onto the threads Smelt starts for the stage (heartbeats, the DJL engine thread, checkpoint
 * writes, the Beam launch). The worker's log pattern prints them as {@code [RUN/stage]}.
 */
public final class StageLog {
  /** MDC key of the run id. */
  public static final String RUN = "run";
  /** MDC key of the stage id ({@code data}, {@code pretrain}, …). */
  public static final String STAGE = "stage";

  private StageLog() {}

  /** A tag on the calling thread's log lines, removed by {@link #close}. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Tags the calling thread's log lines with {@code runId} and {@code stage} until the scope is
   * closed, which puts back whatever tags the thread had (a pool thread runs the next activity).
   */
  public static Scope enter(String runId, String stage) {
    Map<String, String> before = MDC.getCopyOfContextMap();
    MDC.put(RUN, runId);
    MDC.put(STAGE, stage);
    return () -> restore(before);
  }

  /** {@code task}, run with the caller's tags on whichever thread runs it. */
  public static <T> Callable<T> carrying(Callable<T> task) {
    Map<String, String> tags = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> before = MDC.getCopyOfContextMap();
      restore(tags);
      try {
        return task.call();
      } finally {
        restore(before);
      }
    };
  }

  /** {@code task}, run with the caller's tags on whichever thread runs it. */
  public static Runnable carryingRun(Runnable task) {
    Callable<Void> tagged = carrying(() -> {
      task.run();
      return null;
    });
    return () -> {
      try {
        tagged.call();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception impossible) {
        throw new IllegalStateException(impossible); // a Runnable throws nothing checked
      }
    };
  }

  private static void restore(Map<String, String> tags) {
    if (tags == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(tags);
    }
  }
}
