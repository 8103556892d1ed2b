package dev.smelt.pipeline.bias;

import java.util.Map;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Counts identity terms and words of one side ("kept" or "dropped") into Beam counters named
 * {@code <side>/words} and {@code <side>/term/<term>} in {@link #NAMESPACE}; {@link BiasReport}
 * reads them back. An analysis, not a filter: nothing is decided here.
 */
public final class CountIdentityTerms<T> extends PTransform<PCollection<T>, PDone> {
  public static final String NAMESPACE = "smelt.bias";
  private final String side;
  private final SerializableFunction<T, String> text;

  public CountIdentityTerms(String side, SerializableFunction<T, String> text) {
    super("Bias terms " + side);
    this.side = side;
    this.text = text;
  }

  public static String words(String side) {
    return side + "/words";
  }

  public static String term(String side, String term) {
    return side + "/term/" + term;
  }

  @Override
  public PDone expand(PCollection<T> input) {
    input.apply("Count", ParDo.of(new CountFn<>(side, text)));
    return PDone.in(input.getPipeline());
  }

  private static final class CountFn<T> extends DoFn<T, Void> {
    private final String side;
    private final SerializableFunction<T, String> text;

    CountFn(String side, SerializableFunction<T, String> text) {
      this.side = side;
      this.text = text;
    }

    @ProcessElement
    public void process(@Element T element) {
      for (Map.Entry<String, Long> e : IdentityTerms.count(text.apply(element)).entrySet()) {
        String name = e.getKey().isEmpty() ? words(side) : term(side, e.getKey());
        Metrics.counter(NAMESPACE, name).inc(e.getValue());
      }
    }
  }
}
