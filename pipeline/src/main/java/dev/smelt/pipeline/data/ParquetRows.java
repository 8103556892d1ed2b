package dev.smelt.pipeline.data;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.doc.DocSchemas;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.filter.Rejected;
import dev.smelt.pipeline.filter.Tagged;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Conversions between pipeline records and the rows of the data folder's Parquet files. */
final class ParquetRows {
  private ParquetRows() {}

  static GenericRecord cleanRow(Doc doc) {
    GenericRecord row = new GenericData.Record(DocSchemas.CLEAN_DOC);
    row.put("doc_id", doc.docId());
    row.put("source", doc.source());
    row.put("text", doc.text());
    return row;
  }

  static GenericRecord rejectRow(Rejected rejected) {
    GenericRecord row = new GenericData.Record(DocSchemas.REJECT);
    row.put("doc_id", rejected.doc().docId());
    row.put("source", rejected.doc().source());
    row.put("stage", rejected.stage());
    row.put("reason", rejected.reason().name());
    row.put("detail", rejected.detail());
    row.put("text", rejected.doc().text());
    return row;
  }

  /** A reject's place in rejects/: a document is dropped once, but the key stays unique anyway. */
  static String rejectKey(Rejected rejected) {
    return String.join("\u0000", rejected.doc().docId(), rejected.stage(), rejected.reason().name());
  }

  /** A tag's place in tags/: one document may carry several tags. */
  static String tagKey(Tagged tagged) {
    return String.join("\u0000", tagged.docId(), tagged.stage(), tagged.reason().name());
  }

  static GenericRecord tagRow(Tagged tagged) {
    GenericRecord row = new GenericData.Record(DocSchemas.TAG);
    row.put("doc_id", tagged.docId());
    row.put("source", tagged.source() == null ? "" : tagged.source());
    row.put("stage", tagged.stage());
    row.put("reason", tagged.reason().name());
    row.put("detail", tagged.detail());
    return row;
  }

  static Tagged tagged(GenericRecord row) {
    return new Tagged(string(row, "doc_id"), string(row, "source"), string(row, "stage"),
        RejectReason.valueOf(string(row, "reason")), string(row, "detail"));
  }

  static Doc doc(GenericRecord row) {
    return new Doc(string(row, "doc_id"), string(row, "source"), string(row, "text"));
  }

  static Rejected rejected(GenericRecord row) {
    return new Rejected(
        doc(row),
        string(row, "stage"),
        RejectReason.valueOf(string(row, "reason")),
        string(row, "detail"));
  }

  private static String string(GenericRecord row, String field) {
    Object value = row.get(field);
    return value == null ? null : value.toString(); // Avro hands back Utf8, not String
  }
}
