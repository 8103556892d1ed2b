package dev.smelt.pipeline.tokenize;

import dev.smelt.pipeline.doc.DocSchemas;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Clean documents (CLEAN_DOC rows) to token documents (TOKEN_DOC rows), split into {@link #TRAIN}
 * and {@link #VAL} by {@link SplitByHash}; counts documents and tokens per split.
 */
public final class Tokenize extends PTransform<PCollection<GenericRecord>, PCollectionTuple> {
  public static final String METRICS_NAMESPACE = "smelt.tokenize";
  public static final TupleTag<GenericRecord> TRAIN = new TupleTag<>() {};
  public static final TupleTag<GenericRecord> VAL = new TupleTag<>() {};

  private final BpeTokenizer tokenizer;
  private final SplitByHash split;

  public Tokenize(BpeTokenizer tokenizer, SplitByHash split) {
    this.tokenizer = tokenizer;
    this.split = split;
  }

  @Override
  public PCollectionTuple expand(PCollection<GenericRecord> cleanDocs) {
    PCollectionTuple out =
        cleanDocs.apply("TokenizeAndSplit",
            ParDo.of(new TokenizeFn(tokenizer, split)).withOutputTags(TRAIN, TupleTagList.of(VAL)));
    out.get(TRAIN).setCoder(AvroCoder.of(DocSchemas.TOKEN_DOC));
    out.get(VAL).setCoder(AvroCoder.of(DocSchemas.TOKEN_DOC));
    return out;
  }

  private static final class TokenizeFn extends DoFn<GenericRecord, GenericRecord> {
    private final BpeTokenizer tokenizer;
    private final SplitByHash split;
    private final Counter trainDocs = Metrics.counter(METRICS_NAMESPACE, "train_docs");
    private final Counter trainTokens = Metrics.counter(METRICS_NAMESPACE, "train_tokens");
    private final Counter valDocs = Metrics.counter(METRICS_NAMESPACE, "val_docs");
    private final Counter valTokens = Metrics.counter(METRICS_NAMESPACE, "val_tokens");

    TokenizeFn(BpeTokenizer tokenizer, SplitByHash split) {
      this.tokenizer = tokenizer;
      this.split = split;
    }

    @ProcessElement
    public void process(@Element GenericRecord clean, MultiOutputReceiver out) {
      TokenDoc doc = TokenDoc.tokenize(tokenizer,
          clean.get("doc_id").toString(), clean.get("source").toString(), clean.get("text").toString());
      if (split.isValidation(doc.docId())) {
        valDocs.inc();
        valTokens.inc(doc.ids().length);
        out.get(VAL).output(doc.toAvro());
      } else {
        trainDocs.inc();
        trainTokens.inc(doc.ids().length);
        out.get(TRAIN).output(doc.toAvro());
      }
    }
  }
}
