package dev.smelt.infra.progress;

import dev.smelt.workflows.stage.TrainingProgress;
import java.time.Duration;

/** Renders one stage's progress as a bar line: percentage, counts, rate, ETA. Pure. */
final class ProgressLine {
  private static final int WIDTH = 24;

  private ProgressLine() {}

  /**
   * @param elapsed time since this stage was first seen
   * @param rate units per second measured by the watcher (NaN when unknown)
   */
  static String render(StageSnapshot s, Duration elapsed, double rate) {
    StringBuilder sb = new StringBuilder();
    // "done" comes after the last stage: it is numbered like the last one, never past the total
    int number = Math.min(s.completed() + 1, s.stages());
    sb.append(String.format("[%d/%d] %-9s ", number, s.stages(), s.stage()));
    TrainingProgress hb = s.heartbeat();
    if (hb != null && hb.total() > 0) {
      double frac = Math.min(1.0, (double) hb.done() / hb.total());
      int filled = (int) Math.round(frac * WIDTH);
      sb.append('|').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("| ");
      sb.append(String.format("%3.0f%% %d/%d %s", frac * 100, hb.done(), hb.total(), hb.unit()));
      if (!Double.isNaN(hb.metric())) {
        sb.append(String.format("  loss %.3f", hb.metric()));
      }
      if (hb.tokensPerSecond() > 0) {
        sb.append("  ").append(tokens(hb.tokensPerSecond())).append(" tok/s");
      }
      if (rate > 0) {
        long etaSeconds = (long) Math.ceil((hb.total() - hb.done()) / rate);
        sb.append(String.format("  %.1f %s/s  ETA %s", rate, hb.unit(), clock(etaSeconds)));
      }
    } else if (hb != null) {
      sb.append(String.format("%d %s", hb.done(), hb.unit()));
      if (rate > 0) {
        sb.append(String.format("  %.0f %s/s", rate, hb.unit()));
      }
    } else {
      sb.append("starting");
    }
    sb.append("  ").append(clock(elapsed.toSeconds()));
    if (!s.running()) {
      sb.append("  ").append(s.state());
    }
    if (s.attempt() > 1) {
      sb.append("  (attempt ").append(s.attempt());
      if (s.lastFailure() != null) {
        sb.append(": ").append(s.lastFailure());
      }
      sb.append(')');
    }
    return sb.toString();
  }

  /** 950, 12.3k, 4.56M: a throughput readable at a glance. */
  static String tokens(double perSecond) {
    if (perSecond >= 1e6) {
      return String.format("%.2fM", perSecond / 1e6);
    }
    return perSecond >= 1e3 ? String.format("%.1fk", perSecond / 1e3)
        : String.format("%.0f", perSecond);
  }

  static String clock(long seconds) {
    long m = seconds / 60;
    long sec = seconds % 60;
    return m >= 60 ? String.format("%dh%02dm", m / 60, m % 60) : String.format("%d:%02d", m, sec);
  }
}
