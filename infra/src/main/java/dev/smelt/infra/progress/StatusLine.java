package dev.smelt.infra.progress;

import dev.smelt.workflows.stage.TrainingProgress;

/**
 * `smelt status` in one line: the run's state, its stage, and the stage's step, loss, throughput
 * and ETA from the last heartbeat. Pure.
 */
public final class StatusLine {
  private StatusLine() {}

  /** @param rate units per second over two looks (NaN when unknown: no ETA shown) */
  public static String render(String runId, StageSnapshot s, double rate) {
    StringBuilder sb = new StringBuilder(runId).append(": ").append(s.state());
    if (s.completed() >= s.stages()) {
      return sb.toString();
    }
    sb.append(s.running() || s.state().startsWith("paus") ? ", " : " in ");
    sb.append(String.format("stage %d/%d %s", s.completed() + 1, s.stages(), s.stage()));
    TrainingProgress hb = s.heartbeat();
    if (hb != null && hb.stage().equals(s.stage()) && hb.total() > 0) {
      sb.append(String.format(", %d/%d %s", hb.done(), hb.total(), hb.unit()));
      if (!Double.isNaN(hb.metric())) {
        sb.append(String.format(", loss %.3f", hb.metric()));
      }
      if (hb.tokensPerSecond() > 0) {
        sb.append(", ").append(ProgressLine.tokens(hb.tokensPerSecond())).append(" tok/s");
      }
      if (rate > 0 && s.running()) {
        sb.append(", ETA ").append(ProgressLine.clock(
            (long) Math.ceil((hb.total() - hb.done()) / rate)));
      }
    }
    if (s.attempt() > 1) {
      sb.append(", attempt ").append(s.attempt());
    }
    return sb.toString();
  }
}
