package dev.smelt.infra.schedule;

import java.time.Instant;
import java.util.List;

/**
 * What `smelt schedule describe` prints, from either backend.
 *
 * @param spec the fire spec as a person reads it
 * @param counts e.g. "fires 21, started 11, skipped 10 (overlap 10, unchanged 0), failed 0"
 * @param fires the newest fires, one line each: time, cause, outcome, run, reason
 * @param running workflows of scheduled runs still going
 */
public record ScheduleView(String name, String backend, String spec, String overlap,
    boolean paused, String note, List<Instant> nextFires, String counts, List<String> fires,
    List<String> running) {

  /** The view as lines of text. */
  public List<String> lines() {
    List<String> out = new java.util.ArrayList<>(List.of(
        "schedule " + name + " (" + backend + ")",
        "  spec:     " + spec + ", overlap " + overlap,
        "  state:    " + (paused ? "paused" : "active") + (note == null || note.isBlank() ? "" : " (" + note + ")"),
        "  next:     " + (nextFires.isEmpty() ? "-" : nextFires.get(0).toString()),
        "  counts:   " + counts,
        "  running:  " + (running.isEmpty() ? "-" : String.join(", ", running))));
    if (!fires.isEmpty()) {
      out.add("  fires (newest last):");
      fires.forEach(f -> out.add("    " + f));
    }
    return out;
  }
}
