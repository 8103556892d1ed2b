package dev.smelt.pipeline.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smelt.pipeline.doc.Doc;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;

class ApplyFilterTest {
  private final TestPipeline p =
      TestPipeline.fromOptions(PipelineOptionsFactory.create())
          .enableAbandonedNodeEnforcement(false);

  @Test
  void routesKeptAndRejectedDocumentsAndCountsDocsAndBytesPerStageAndReason() {
    Doc shortDoc = new Doc("a", "s", "ab");
    Doc okDoc = new Doc("b", "s", "abcd");
    Doc longDoc = new Doc("c", "s", "abcdefgh\u00e9"); // 9 chars, 10 UTF-8 bytes
    StageOutput out =
        p.apply(Create.of(shortDoc, okDoc, longDoc).withCoder(SerializableCoder.of(Doc.class)))
            .apply(ApplyFilter.of("length", new LengthFilter(3, 5)));

    PAssert.that(out.kept()).containsInAnyOrder(okDoc);
    PAssert.that(out.rejected())
        .containsInAnyOrder(
            new Rejected(shortDoc, "length", RejectReason.TOO_SHORT, "2 chars < minimum 3"),
            new Rejected(longDoc, "length", RejectReason.TOO_LONG, "9 chars > maximum 5"));
    PipelineResult result = p.run();
    result.waitUntilFinish();

    Map<String, Long> counters = counters(result);
    assertEquals(3L, counters.get("length/in/docs"));
    assertEquals(16L, counters.get("length/in/bytes"));
    assertEquals(1L, counters.get("length/kept/docs"));
    assertEquals(4L, counters.get("length/kept/bytes"));
    assertEquals(1L, counters.get("length/rejected/TOO_SHORT/docs"));
    assertEquals(2L, counters.get("length/rejected/TOO_SHORT/bytes"));
    assertEquals(1L, counters.get("length/rejected/TOO_LONG/docs"));
    assertEquals(10L, counters.get("length/rejected/TOO_LONG/bytes"));
    assertEquals(8, counters.size(), counters::toString);
  }

  @Test
  void passesRewrittenTextOnAndCountsEditsAndTagsSeparately() {
    Doc plain = new Doc("a", "s", "hello");
    Doc mail = new Doc("b", "s", "mail x@y.org or z@y.org");
    Doc tagged = new Doc("c", "s", "(c) notice");
    DocFilter filter = doc -> {
      if (doc.text().contains("@")) {
        return Decision.rewrite("mail <EMAIL> or <EMAIL>", Map.of(RejectReason.PII_EMAIL, 2));
      }
      if (doc.text().contains("(c)")) {
        return Decision.tag(Map.of(RejectReason.COPYRIGHT_NOTICE, "(c)"));
      }
      return Decision.keep();
    };
    StageOutput out =
        p.apply(Create.of(plain, mail, tagged).withCoder(SerializableCoder.of(Doc.class)))
            .apply(ApplyFilter.of("pii", filter));

    PAssert.that(out.kept()).containsInAnyOrder(plain, new Doc("b", "s", "mail <EMAIL> or <EMAIL>"), tagged);
    PAssert.that(out.rejected()).empty();
    PAssert.that(out.tagged())
        .containsInAnyOrder(new Tagged("c", "s", "pii", RejectReason.COPYRIGHT_NOTICE, "(c)"));
    PipelineResult result = p.run();
    result.waitUntilFinish();

    Map<String, Long> counters = counters(result);
    assertEquals(3L, counters.get("pii/kept/docs"));
    assertEquals(5L + 23L + 10L, counters.get("pii/in/bytes"));
    assertEquals(5L + 23L + 10L, counters.get("pii/kept/bytes"), "'<EMAIL>' happens to be as long as 'x@y.org'");
    assertEquals(1L, counters.get("pii/modified/PII_EMAIL/docs"));
    assertEquals(2L, counters.get("pii/modified/PII_EMAIL/edits"));
    assertEquals(1L, counters.get("pii/tagged/COPYRIGHT_NOTICE/docs"));
  }

  @Test
  void aRewriteWithoutEditsIsAKeep() {
    assertEquals(Decision.keep(), Decision.rewrite("same", Map.of(RejectReason.PII_EMAIL, 0)));
    assertEquals(Decision.keep(), Decision.tag(Map.of()));
  }

  @Test
  void refusesAStageNameThatWouldBreakCounterNames() {
    assertThrows(IllegalArgumentException.class, () -> ApplyFilter.of("Bad/Name", d -> Decision.keep()));
  }

  static Map<String, Long> counters(PipelineResult result) {
    Map<String, Long> counters = new HashMap<>();
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(FunnelCounters.NAMESPACE))
                    .build())
            .getCounters()) {
      counters.merge(c.getName().getName(), c.getCommitted(), Long::sum);
    }
    return counters;
  }
}
