package dev.smelt.activities.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.smelt.activities.log.StageLog;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one thread of this JVM that runs DJL work. PyTorch keeps grad mode and the intra-op thread
 * count per thread, and DJL sets them only on the thread that first loads the engine; a retried
 * activity lands on another pool thread, where an optimizer step would then fail ("a leaf
 * Variable that requires grad is being used in an in-place operation"). Running every model
 * computation here keeps those settings — and bit-exact results — for the life of the worker.
 */
public final class EngineThread {
  private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "djl-engine");
    t.setDaemon(true);
    return t;
  });

  static {
    // Whoever loaded the engine first, this thread gets the engine's per-thread settings.
    THREAD.submit(() -> {
      Engine.getInstance();
      JniUtils.setGradMode(false);
      Integer threads = Integer.getInteger("ai.djl.pytorch.num_threads");
      if (threads != null) {
        JniUtils.setNumThreads(threads);
      }
    });
  }

  private EngineThread() {}

  /** Model work: may fail with an I/O error like the file work around it. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} on the engine thread and waits; its exception is rethrown as is. */
  public static <T> T call(Work<T> work) throws IOException {
    Future<T> f = THREAD.submit(StageLog.carrying(work::run)); // its lines tagged as the caller's
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the model", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }
}
