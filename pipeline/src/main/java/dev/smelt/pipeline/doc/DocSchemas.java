package dev.smelt.pipeline.doc;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** The Avro schemas of the Parquet files in a run's data/ folder (DESIGN.md, "Contracts"). */
public final class DocSchemas {
  private DocSchemas() {}

  /** data/clean/*.parquet: the kept documents, cleaned, before tokenization. */
  public static final Schema CLEAN_DOC =
      SchemaBuilder.record("CleanDoc").namespace("dev.smelt").fields()
          .requiredString("doc_id")
          .requiredString("source")
          .requiredString("text")
          .endRecord();

  /** data/rejects/*.parquet: every dropped document and why. */
  public static final Schema REJECT =
      SchemaBuilder.record("Reject").namespace("dev.smelt").fields()
          .requiredString("doc_id")
          .requiredString("source")
          .requiredString("stage")
          .requiredString("reason")
          .requiredString("detail")
          .requiredString("text")
          .endRecord();

  /** data/tags/*.parquet: kept documents a stage tagged (e.g. a licence text), without their text. */
  public static final Schema TAG =
      SchemaBuilder.record("Tag").namespace("dev.smelt").fields()
          .requiredString("doc_id")
          .requiredString("source")
          .requiredString("stage")
          .requiredString("reason")
          .requiredString("detail")
          .endRecord();

  /** data/shards/*.parquet and data/val/*.parquet: one row per tokenized document. */
  public static final Schema TOKEN_DOC =
      SchemaBuilder.record("TokenDoc").namespace("dev.smelt").fields()
          .requiredString("doc_id")
          .requiredString("source")
          .requiredInt("n_tokens")
          .name("input_ids").type().array().items().intType().noDefault()
          .endRecord();
}
