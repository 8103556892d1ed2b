package dev.smelt.pipeline.clean;

import dev.smelt.pipeline.doc.DocCoder;
import dev.smelt.pipeline.doc.Doc;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/** Normalizes every document's text with {@link TextNormalizer}; drops nothing. */
public final class CleanText extends PTransform<PCollection<Doc>, PCollection<Doc>> {
  public CleanText() {
    super("Clean text");
  }

  @Override
  public PCollection<Doc> expand(PCollection<Doc> docs) {
    return docs.apply("Normalize", ParDo.of(new NormalizeFn()))
        .setCoder(DocCoder.of());
  }

  private static final class NormalizeFn extends DoFn<Doc, Doc> {
    private final TextNormalizer normalizer = new TextNormalizer();

    @ProcessElement
    public void process(@Element Doc doc, OutputReceiver<Doc> out) {
      out.output(new Doc(doc.docId(), doc.source(), normalizer.normalize(doc.text())));
    }
  }
}
