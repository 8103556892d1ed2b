package dev.smelt.activities.checkpoint;

import dev.smelt.activities.checkpoint.SafeTensors.Tensor;
import dev.smelt.activities.log.StageLog;
import dev.smelt.activities.metrics.StageMetrics;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Saves checkpoints without stalling training on the disk: {@link #save} copies the arrays to host
 * bytes (the only part that must see this step's weights) and hands hashing, fsync and rename to
 * one background thread. One write is in flight at a time; the next save, {@link #await} or
 * {@link #close} waits for it. A crash mid-write leaves a {@code .tmp} folder, which
 * {@link CheckpointStore#latestGood} never picks.
 */
public final class CheckpointWriter implements AutoCloseable {
  private final CheckpointStore store;
  private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "checkpoint-writer");
    t.setDaemon(true);
    return t;
  });
  private final List<Path> done = new ArrayList<>();
  private Future<Path> pending;
  private long stallNanos;

  public CheckpointWriter(CheckpointStore store) {
    this.store = store;
  }

  /**
   * Writes the snapshot (host bytes, taken by the caller: {@link TensorArrays#toTensors}) in the
   * background, after waiting for any earlier write.
   */
  public void save(Map<String, Tensor> model, Map<String, Tensor> optimizer, TrainingState state)
      throws IOException {
    long t0 = System.nanoTime();
    await();
    pending = io.submit(StageLog.carrying(
        () -> StageMetrics.checkpointWrite(() -> store.save(model, optimizer, state))));
    stallNanos += System.nanoTime() - t0;
  }

  /** Folders of writes that finished since the last call, oldest first; never waits. */
  public List<Path> finished() throws IOException {
    if (pending != null && pending.isDone()) {
      await();
    }
    List<Path> out = new ArrayList<>(done);
    done.clear();
    return out;
  }

  /** Waits for the write in flight (kept for {@link #finished}). */
  public void await() throws IOException {
    if (pending == null) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      done.add(pending.get());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io
          : new IOException("checkpoint write failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while a checkpoint was being written");
    } finally {
      pending = null;
      stallNanos += System.nanoTime() - t0;
    }
  }

  /** Seconds the training thread spent in {@link #save} and waiting for writes. */
  public double stallSeconds() {
    return stallNanos / 1e9;
  }

  /** Lets a write in flight finish (a failure leaves its {@code .tmp}), then stops the thread. */
  @Override
  public void close() {
    try {
      await();
    } catch (IOException e) {
      // the caller is already failing or has collected its result; the .tmp is ignored on resume
    } finally {
      io.shutdown();
    }
  }
}
