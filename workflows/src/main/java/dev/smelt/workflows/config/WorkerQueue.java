package dev.smelt.workflows.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.smelt.workflows.stage.Stage;
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

  /** Whether {@code stage}'s activity may go to the accelerator queue: the training stages. */
  public static boolean trains(Stage stage) {
    return stage == Stage.PRETRAIN || stage == Stage.FINETUNE || stage == Stage.BASELINES;
  }

  /**
   * The queue {@code stage}'s activity is scheduled on when the run's training queue is
   * {@code training} (null, as in a config recorded before the key existed, means CPU).
   */
  public static WorkerQueue of(Stage stage, WorkerQueue training) {
    return trains(stage) && training != null ? training : CPU;
  }
}
