package dev.smelt.pipeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smelt.pipeline.filter.RejectReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunnelTotalsTest {
  @Test
  void buildsTheFunnelFromCountersInStageOrder() {
    FunnelTotals totals =
        new FunnelTotals(
            Map.ofEntries(
                Map.entry("read/in/docs", 10L),
                Map.entry("read/files", 3L),
                Map.entry("read/rejected/BAD_GZIP/docs", 1L),
                Map.entry("read/rejected/BAD_GZIP/bytes", 0L),
                Map.entry("length/rejected/TOO_SHORT/docs", 2L),
                Map.entry("length/rejected/TOO_SHORT/bytes", 5L),
                Map.entry("dedup/rejected/DUPLICATE/docs", 3L),
                Map.entry("dedup/rejected/DUPLICATE/bytes", 30L),
                Map.entry("dedup/kept/docs", 4L),
                Map.entry("dedup/kept/bytes", 400L),
                Map.entry("length/modified/PII_EMAIL/docs", 2L),
                Map.entry("length/modified/PII_EMAIL/edits", 7L),
                Map.entry("dedup/tagged/COPYRIGHT_NOTICE/docs", 1L)));

    DataStats stats = totals.stats(List.of("read", "length", "dedup"), 1.5);

    assertEquals(
        new DataStats(
            10, 4, 6, 400,
            List.of(
                new StageReasonCount("read", RejectReason.BAD_GZIP, 1, 0),
                new StageReasonCount("length", RejectReason.TOO_SHORT, 2, 5),
                new StageReasonCount("dedup", RejectReason.DUPLICATE, 3, 30)),
            1.5,
            List.of("read", "length", "dedup"),
            List.of(new StageEditCount("length", RejectReason.PII_EMAIL, 2, 7)),
            List.of(new StageEditCount("dedup", RejectReason.COPYRIGHT_NOTICE, 1, 1))),
        stats);
  }

  @Test
  void documentsThroughCountEachStageAThirdAndARejectWholeEndingAtTheDocumentsRead() {
    List<String> stages = List.of("read", "length", "dedup");
    // 10 read (1 rejected); 6 of the other 9 through length (2 rejected); dedup still grouping
    Map<String, Long> midway = Map.of("read/in/docs", 10L, "read/rejected/BAD_GZIP/docs", 1L,
        "length/in/docs", 6L, "length/rejected/TOO_SHORT/docs", 2L);
    assertEquals((10 + 1 * 2 + 6 + 2 * 1) / 3, new FunnelTotals(midway).documentsThrough(stages));

    Map<String, Long> end = Map.of("read/in/docs", 10L, "read/rejected/BAD_GZIP/docs", 1L,
        "length/in/docs", 9L, "length/rejected/TOO_SHORT/docs", 2L,
        "dedup/in/docs", 7L, "dedup/rejected/DUPLICATE/docs", 3L, "dedup/kept/docs", 4L);
    assertEquals(10, new FunnelTotals(end).documentsThrough(stages));
    assertEquals(0, new FunnelTotals(Map.of()).documentsThrough(stages));
  }
}
