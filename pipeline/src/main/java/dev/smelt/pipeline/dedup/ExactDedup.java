package dev.smelt.pipeline.dedup;

import dev.smelt.pipeline.doc.DocCoder;
import dev.smelt.pipeline.filter.DecisionCoders;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RouteDecisions;
import dev.smelt.pipeline.filter.StageOutput;
import dev.smelt.pipeline.parts.DecideSameKey;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Drops documents whose text is byte-identical to another's (stage {@value #STAGE}). */
public final class ExactDedup extends PTransform<PCollection<Doc>, StageOutput> {
  public static final String STAGE = "dedup";

  public ExactDedup() {
    super("Exact dedup");
  }

  @Override
  public StageOutput expand(PCollection<Doc> docs) {
    return docs.apply(
            "Key by text hash",
            WithKeys.of((Doc doc) -> TextHash.sha256(doc.text()))
                .withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DocCoder.of()))
        .apply("Pick survivor", DecideSameKey.with(DocCoder.of(), DuplicateGroup::decide))
        .setCoder(DecisionCoders.docDecision())
        .apply(RouteDecisions.forStage(STAGE));
  }
}
