package dev.smelt.pipeline.filter;

import dev.smelt.pipeline.doc.Doc;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The funnel's Beam counters, named in one place so stats can be read back from any runner.
 * Names are {@code <stage>/in/docs}, {@code <stage>/kept/bytes}, {@code <stage>/rejected/<REASON>/docs}
 * and so on, all in {@link #NAMESPACE}; bytes are UTF-8 bytes of the document's text.
 *
 * <p>One instance lives in one DoFn instance (it caches counters, which are cheap but not free).
 */
public final class FunnelCounters {
  public static final String NAMESPACE = "smelt.funnel";
  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9_-]*");

  private final String stage;
  private final Map<String, Counter> counters = new HashMap<>();

  public FunnelCounters(String stage) {
    this.stage = checkStage(stage);
  }

  /** Stage names become part of counter names and the stats file: lower-case, no slashes. */
  public static String checkStage(String stage) {
    if (stage == null || !STAGE_NAME.matcher(stage).matches()) {
      throw new IllegalArgumentException(
          "stage name '" + stage + "' must match " + STAGE_NAME.pattern() + ", e.g. 'length'");
    }
    return stage;
  }

  public static String inDocs(String stage) {
    return stage + "/in/docs";
  }

  public static String inBytes(String stage) {
    return stage + "/in/bytes";
  }

  public static String keptDocs(String stage) {
    return stage + "/kept/docs";
  }

  public static String keptBytes(String stage) {
    return stage + "/kept/bytes";
  }

  public static String rejectedDocs(String stage, RejectReason reason) {
    return stage + "/rejected/" + reason.name() + "/docs";
  }

  public static String rejectedBytes(String stage, RejectReason reason) {
    return stage + "/rejected/" + reason.name() + "/bytes";
  }

  /** Counts a document entering this stage and the decision taken on it. */
  public void count(Doc doc, Decision decision) {
    long bytes = doc.text().getBytes(StandardCharsets.UTF_8).length;
    inc(inDocs(stage), 1);
    inc(inBytes(stage), bytes);
    if (decision instanceof Decision.Reject reject) {
      inc(rejectedDocs(stage, reject.reason()), 1);
      inc(rejectedBytes(stage, reject.reason()), bytes);
    } else {
      inc(keptDocs(stage), 1);
      inc(keptBytes(stage), bytes);
    }
  }

  private void inc(String name, long n) {
    counters.computeIfAbsent(name, key -> Metrics.counter(NAMESPACE, key)).inc(n);
  }
}
