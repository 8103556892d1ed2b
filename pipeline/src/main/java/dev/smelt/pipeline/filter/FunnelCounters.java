package dev.smelt.pipeline.filter;

import dev.smelt.pipeline.doc.Doc;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The funnel's Beam counters, named in one place so stats can be read back from any runner.
 * Names are {@code <stage>/in/docs}, {@code <stage>/kept/bytes}, {@code <stage>/rejected/<REASON>/docs}
 * and so on, all in {@link #NAMESPACE}; bytes are UTF-8 bytes of the document's text (for kept
 * documents, of the text the stage passed on). Two further families describe kept documents:
 * {@code <stage>/modified/<REASON>/docs} and {@code .../edits} (documents rewritten, and how many
 * changes, e.g. redactions), and {@code <stage>/tagged/<REASON>/docs}.
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

  public static String modifiedDocs(String stage, RejectReason reason) {
    return stage + "/modified/" + reason.name() + "/docs";
  }

  public static String modifiedEdits(String stage, RejectReason reason) {
    return stage + "/modified/" + reason.name() + "/edits";
  }

  public static String taggedDocs(String stage, RejectReason reason) {
    return stage + "/tagged/" + reason.name() + "/docs";
  }

  /** Counts a document entering this stage and the decision taken on it. */
  public void count(Doc doc, Decision decision) {
    long bytes = utf8Length(doc.text());
    inc(inDocs(stage), 1);
    inc(inBytes(stage), bytes);
    if (decision instanceof Decision.Reject reject) {
      inc(rejectedDocs(stage, reject.reason()), 1);
      inc(rejectedBytes(stage, reject.reason()), bytes);
      return;
    }
    inc(keptDocs(stage), 1);
    if (decision instanceof Decision.Rewrite rewrite) {
      inc(keptBytes(stage), utf8Length(rewrite.text()));
      rewrite.edits().forEach((reason, n) -> {
        inc(modifiedDocs(stage, reason), 1);
        inc(modifiedEdits(stage, reason), n);
      });
    } else {
      inc(keptBytes(stage), bytes);
    }
    if (decision instanceof Decision.Tag tag) {
      tag.tags().keySet().forEach(reason -> inc(taggedDocs(stage, reason), 1));
    }
  }

  /** {@code text.getBytes(UTF_8).length} without the copy (an unpaired surrogate is one byte, '?', as there). */
  public static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return bytes;
  }

  private void inc(String name, long n) {
    counters.computeIfAbsent(name, key -> Metrics.counter(NAMESPACE, key)).inc(n);
  }
}
