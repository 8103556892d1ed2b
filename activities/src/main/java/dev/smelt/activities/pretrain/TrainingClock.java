package dev.smelt.activities.pretrain;

/**
 * Wall-clock rules of a run: the training budget ({@code maxMinutes}, counted across resumes from
 * the seconds a checkpoint recorded) and checkpoints every {@code checkpointEveryMinutes}.
 */
public final class TrainingClock {
  private final double budgetSeconds;
  private final double checkpointSeconds;
  private final double secondsBefore;
  private final long started = System.nanoTime();
  private long lastCheckpoint = started;
  private long lastStepEnd = started;
  private double lastStepSeconds;

  public TrainingClock(double maxMinutes, double checkpointEveryMinutes, double secondsBefore) {
    this.budgetSeconds = maxMinutes * 60;
    this.checkpointSeconds = checkpointEveryMinutes * 60;
    this.secondsBefore = secondsBefore;
  }

  /** Marks the end of a step (its duration predicts the next one). */
  public void stepDone() {
    long now = System.nanoTime();
    lastStepSeconds = (now - lastStepEnd) / 1e9;
    lastStepEnd = now;
  }

  /** Training seconds of this run, earlier attempts included. */
  public double trainingSeconds() {
    return secondsBefore + (System.nanoTime() - started) / 1e9;
  }

  /** True when another step would end past the budget, so the run stops inside it. */
  public boolean budgetSpent() {
    return budgetSeconds > 0 && trainingSeconds() + lastStepSeconds >= budgetSeconds;
  }

  public boolean checkpointDue() {
    return checkpointSeconds > 0 && (System.nanoTime() - lastCheckpoint) / 1e9 >= checkpointSeconds;
  }

  public void checkpointed() {
    lastCheckpoint = System.nanoTime();
  }
}
