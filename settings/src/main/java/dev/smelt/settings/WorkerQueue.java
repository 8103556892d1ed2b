package dev.smelt.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Optional;

/**
 * The task queues a worker can poll (`smelt worker --queues cpu,gpu`): the workflows and the light
 * stages always on {@link #CPU}; pre-training and the fine-tuning stages on {@link #GPU} when
 * {@code pretrain.queue: gpu}, so those wait for a worker that has the accelerator.
 */
public enum WorkerQueue {
  @JsonProperty("cpu") CPU("cpu", "smelt-cpu"),
  @JsonProperty("gpu") GPU("gpu", "smelt-gpu");

  private final String id;
  private final String taskQueue;

  WorkerQueue(String id, String taskQueue) {
    this.id = id;
    this.taskQueue = taskQueue;
  }

  /** The name in config and on the command line: "cpu", "gpu". */
  public String id() {
    return id;
  }

  /** The Temporal task queue: "smelt-cpu", "smelt-gpu". */
  public String taskQueue() {
    return taskQueue;
  }

  /** The queue named {@code id} ("cpu", "gpu"), if any. */
  public static Optional<WorkerQueue> ofId(String id) {
    return Arrays.stream(values()).filter(q -> q.id.equals(id)).findFirst();
  }
}
