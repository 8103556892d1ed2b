package dev.smelt.pipeline.data;

/**
 * How far the data stage has got, from the runner's attempted counters (which a runner may update
 * late, and may count twice for retried work, so treat them as an estimate until the end).
 *
 * @param filesRead input files fully read
 * @param filesTotal input files to read
 * @param documentsRead documents and read rejects produced so far
 * @param rejected documents rejected so far, by any stage
 * @param seconds time since the run started
 * @param counting whether the runner shows its counters while it runs; when not (Flink, whose
 *     attached run hands back metrics only at the end) the counts stay 0 until the job ends
 * @param unitsDone read units recorded (by this attempt or, verified, by an earlier one)
 * @param unitsTotal read units of the corpus ({@code dev.smelt.pipeline.read.WorkUnit})
 * @param documentsDone once every unit is read (the chain over the recorded units): documents
 *     through the counted stages, each counting 1/k as it clears each of the k stages and whole
 *     once rejected ({@code FunnelTotals#documentsThrough}); 0 while units are read
 * @param documentsTotal the documents and read rejects the recorded units hold (their manifest's
 *     decisions); 0 while units are read
 */
public record DataProgress(
    long filesRead, long filesTotal, long documentsRead, long rejected, double seconds,
    boolean counting, long unitsDone, long unitsTotal, long documentsDone, long documentsTotal) {

  /** Whether the units are read and the rest of the chain (ids, clean, filters, writes) runs. */
  public boolean filtering() {
    return documentsTotal > 0;
  }
}
