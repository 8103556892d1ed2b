package dev.smelt.pipeline.pii;

import dev.smelt.pipeline.filter.DecisionCoders;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Rejected;
import dev.smelt.settings.filter.PiiSettings;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Gives documents rejected before the {@code pii} stage the redaction kept documents get there,
 * text and detail, so rejects/ holds no raw e-mail address or key either. Rejects of the pii
 * stage and later ones were redacted on the way and pass unchanged.
 */
public final class RedactRejects extends PTransform<PCollection<Rejected>, PCollection<Rejected>> {
  private final PiiSettings settings;
  private final Set<String> unredactedStages;

  private RedactRejects(PiiSettings settings, Set<String> unredactedStages) {
    super("Redact rejects");
    this.settings = settings;
    this.unredactedStages = Set.copyOf(unredactedStages);
  }

  /**
   * @param stages every counted stage in run order (reading first)
   * @param piiStage the name of the redaction stage; with none in {@code stages} nothing is
   *     redacted, as kept documents are not either (and {@code settings} may then be null)
   */
  public static RedactRejects before(String piiStage, List<String> stages, PiiSettings settings) {
    int pii = stages.indexOf(piiStage);
    return new RedactRejects(settings, pii < 0 ? Set.of() : Set.copyOf(stages.subList(0, pii)));
  }

  @Override
  public PCollection<Rejected> expand(PCollection<Rejected> rejects) {
    if (unredactedStages.isEmpty()) {
      return rejects;
    }
    return rejects
        .apply("Redact PII", ParDo.of(new RedactFn(settings, unredactedStages)))
        .setCoder(DecisionCoders.rejected());
  }

  private static final class RedactFn extends DoFn<Rejected, Rejected> {
    private final PiiSettings settings;
    private final Set<String> unredactedStages;
    private transient PiiRedactor redactor;

    RedactFn(PiiSettings settings, Set<String> unredactedStages) {
      this.settings = settings;
      this.unredactedStages = unredactedStages;
    }

    @Setup
    public void setup() {
      redactor = new PiiRedactor(settings);
    }

    @ProcessElement
    public void process(@Element Rejected r, OutputReceiver<Rejected> out) {
      if (!unredactedStages.contains(r.stage())) {
        out.output(r);
        return;
      }
      Doc doc = r.doc();
      Doc redacted = new Doc(doc.docId(), doc.source(), redactor.redact(doc.text()));
      out.output(new Rejected(redacted, r.stage(), r.reason(), redactor.redact(r.detail())));
    }
  }
}
