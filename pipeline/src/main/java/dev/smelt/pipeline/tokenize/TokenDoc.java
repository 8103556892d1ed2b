package dev.smelt.pipeline.tokenize;

import dev.smelt.pipeline.doc.DocSchemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * One tokenized document, as stored in data/shards and data/val (DocSchemas.TOKEN_DOC).
 *
 * @param ids the document's token ids, ending with {@link BpeTokenizer#END_OF_TEXT_ID}
 */
public record TokenDoc(String docId, String source, int[] ids) {

  /** Tokenizes {@code text} and appends the end-of-text token, which marks document boundaries. */
  public static TokenDoc tokenize(BpeTokenizer tokenizer, String docId, String source, String text) {
    int[] body = tokenizer.encode(text);
    int[] ids = Arrays.copyOf(body, body.length + 1);
    ids[body.length] = BpeTokenizer.END_OF_TEXT_ID;
    return new TokenDoc(docId, source, ids);
  }

  public GenericRecord toAvro() {
    List<Integer> list = new ArrayList<>(ids.length);
    for (int id : ids) {
      list.add(id);
    }
    GenericRecord record = new GenericData.Record(DocSchemas.TOKEN_DOC);
    record.put("doc_id", docId);
    record.put("source", source);
    record.put("n_tokens", ids.length);
    record.put("input_ids", list);
    return record;
  }

  /** Reads a TOKEN_DOC row, whichever way its list was encoded in Parquet. */
  public static TokenDoc fromAvro(GenericRecord record) {
    List<?> list = (List<?>) record.get("input_ids");
    int[] ids = new int[list.size()];
    for (int i = 0; i < ids.length; i++) {
      Object element = list.get(i);
      // a 3-level list read without its Avro schema comes back as records {element: int}
      ids[i] = element instanceof GenericRecord r ? (Integer) r.get(0) : (Integer) element;
    }
    return new TokenDoc(record.get("doc_id").toString(), record.get("source").toString(), ids);
  }
}
