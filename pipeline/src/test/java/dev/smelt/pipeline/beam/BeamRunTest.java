package dev.smelt.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.beam.BeamCounters.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

class BeamRunTest {
  private static final String NS = "smelt.test.beamrun";

  /** Released by the progress callback; only a run polled while run() blocks can release it. */
  private static final CountDownLatch POLLED_WHILE_BLOCKED = new CountDownLatch(1);

  @Test
  void runsToDoneAndReadsCommittedCounters() {
    PipelineOptions options = BeamOptions.of("DirectRunner", List.of());
    Pipeline p = Pipeline.create(options);
    p.apply(Create.of("a", "b", "c")).apply(ParDo.of(new CountElements()));
    List<MetricResults> seen = new ArrayList<>();

    PipelineResult result = BeamRun.run(p, options, seen::add);

    assertEquals(PipelineResult.State.DONE, result.getState());
    assertEquals(3, BeamCounters.named(result.metrics(), NS, "elements", Value.COMMITTED));
    assertTrue(!seen.isEmpty(), "progress is shown at least once, at the end");
  }

  @Test
  void aFailingTransformFailsTheRunWithItsMessage() {
    PipelineOptions options = BeamOptions.of("DirectRunner", List.of());
    Pipeline p = Pipeline.create(options);
    p.apply(Create.of("boom")).apply(ParDo.of(new Fail()));

    RuntimeException e = assertThrows(RuntimeException.class, () -> BeamRun.run(p, options, m -> {}));
    assertTrue(String.valueOf(e.getMessage()).contains("no such document: boom"), e.getMessage());
  }

  @Test
  void pollsProgressWhileABlockingRunnerHasNotReturned() {
    // --blockOnRun=true makes the DirectRunner's run() block like Flink's attached run().
    PipelineOptions options = BeamOptions.of("DirectRunner", List.of("--blockOnRun=true"));
    Pipeline p = Pipeline.create(options);
    p.apply(Create.of("x")).apply(ParDo.of(new WaitForPoll()));
    List<MetricResults> seen = new ArrayList<>();

    BeamRun.run(p, options, m -> {
      seen.add(m);
      if (m == BeamRun.NO_METRICS_YET) {
        POLLED_WHILE_BLOCKED.countDown();
      }
    });

    assertSame(BeamRun.NO_METRICS_YET, seen.get(0));
    assertEquals(1, BeamCounters.named(seen.get(seen.size() - 1), NS, "waited", Value.COMMITTED));
  }

  static final class CountElements extends DoFn<String, String> {
    private final Counter elements = Metrics.counter(NS, "elements");

    @ProcessElement
    public void process(@Element String s) {
      elements.inc();
    }
  }

  static final class Fail extends DoFn<String, String> {
    @ProcessElement
    public void process(@Element String s) {
      throw new IllegalStateException("no such document: " + s);
    }
  }

  static final class WaitForPoll extends DoFn<String, String> {
    private final Counter waited = Metrics.counter(NS, "waited");

    @ProcessElement
    public void process(@Element String s) throws InterruptedException {
      if (!POLLED_WHILE_BLOCKED.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("progress was never polled while run() blocked");
      }
      waited.inc();
    }
  }
}
