package dev.smelt.activities.stage;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A worker going down on SIGTERM: training asked to checkpoint the step it is at and stop, and
 * the shutdown waiting for that checkpoint, so another worker resumes the run with nothing lost.
 * One per JVM, as the JVM's shutdown is.
 */
public final class WorkerShutdown {
  private static final Object LOCK = new Object();
  private static boolean requested;
  private static int training;

  private WorkerShutdown() {}

  /** Whether this worker is shutting down; training polls it after every step. */
  public static boolean requested() {
    synchronized (LOCK) {
      return requested;
    }
  }

  /** One training loop running, until closed. */
  interface Training extends AutoCloseable {
    @Override
    void close();
  }

  /** Marks one training loop as running until the returned handle is closed. */
  static Training training() {
    synchronized (LOCK) {
      training++;
    }
    return () -> {
      synchronized (LOCK) {
        training--;
        LOCK.notifyAll();
      }
    };
  }

  /**
   * Asks every training loop of this worker to checkpoint and stop, and waits until all have
   * (their checkpoint is on disk) or {@code timeout} passes.
   *
   * @return whether every training loop stopped in time
   */
  public static boolean stopTraining(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (LOCK) {
      requested = true;
      while (training > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(LOCK, left);
      }
      return true;
    }
  }
}
