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
}
