package dev.smelt.pipeline.read;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet files: one document per row, streaming row by row and reading only the text, id and
 * source columns ({@link ParquetColumns}). A file without the text column, or with a non-string
 * one, is one MISSING_TEXT reject; a corrupt file ends with a CORRUPT_FILE reject.
 */
public final class ParquetReader implements RandomAccessFormatReader {
  public static final String NAME = "parquet";

  private final ParquetColumns columns;
  private final int maxDocBytes;

  public ParquetReader(ParquetColumns columns, int maxDocBytes) {
    this.columns = columns;
    this.maxDocBytes = maxDocBytes;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> extensions() {
    return List.of(".parquet");
  }

  @Override
  public void readFile(CorpusFile file, Consumer<DocDecision> out) throws IOException {
    String name = file.relativePath();
    if (Files.size(file.toPath()) == 0) {
      out.accept(fileReject(name, RejectReason.EMPTY_FILE, "0 bytes"));
      return;
    }
    Configuration conf = new Configuration(false);
    long rows = 0;
    try {
      InputFile input = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toPath().toUri()), conf);
      MessageType schema;
      try (ParquetFileReader footer = ParquetFileReader.open(input)) {
        schema = footer.getFooter().getFileMetaData().getSchema();
      }
      String problem = textColumnProblem(schema);
      if (problem != null) {
        out.accept(fileReject(name, RejectReason.MISSING_TEXT, problem));
        return;
      }
      boolean hasId = isStringColumn(schema, columns.id());
      boolean hasSource = isStringColumn(schema, columns.source());
      AvroReadSupport.setRequestedProjection(conf, new AvroSchemaConverter(conf).convert(projection(schema, hasId, hasSource)));
      try (org.apache.parquet.hadoop.ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(input).withConf(conf).build()) {
        for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
          rows++;
          String id = hasId ? string(row, columns.id()) : null;
          String source = hasSource ? string(row, columns.source()) : null;
          out.accept(decide(new Doc(id == null || id.isBlank() ? name + ":" + rows : id,
              source == null || source.isBlank() ? name : source, ""), string(row, columns.text())));
        }
      }
    } catch (IOException | RuntimeException e) {
      // parquet-mr reports a bad footer or page as a RuntimeException as often as an IOException
      out.accept(fileReject(name, RejectReason.CORRUPT_FILE, "not a readable Parquet file"
          + (rows > 0 ? " after " + rows + " rows" : "") + ": " + e.getMessage()));
    }
  }

  private DocDecision decide(Doc named, String text) {
    if (text == null || text.isEmpty()) {
      return DocDecision.reject(named, RejectReason.MISSING_TEXT,
          "column '" + columns.text() + "' is " + (text == null ? "null" : "empty"));
    }
    Doc doc = new Doc(named.docId(), named.source(), text);
    if (text.length() > maxDocBytes) {
      return DocDecision.reject(new Doc(doc.docId(), doc.source(), text.substring(0, Math.min(text.length(), Utf8.REJECT_TEXT_BYTES))),
          RejectReason.TOO_LONG, "text longer than " + maxDocBytes + " characters");
    }
    return DocDecision.keep(doc);
  }

  private String textColumnProblem(MessageType schema) {
    if (!schema.containsField(columns.text())) {
      List<String> names = new ArrayList<>();
      schema.getFields().forEach(f -> names.add(f.getName()));
      return "no column '" + columns.text() + "' (columns: " + String.join(", ", names)
          + "); name the text column in the parquet reader settings";
    }
    if (!isStringColumn(schema, columns.text())) {
      return "column '" + columns.text() + "' is " + schema.getType(columns.text()) + ", not a string";
    }
    return null;
  }

  private static boolean isStringColumn(MessageType schema, String column) {
    if (column == null || !schema.containsField(column)) {
      return false;
    }
    Type type = schema.getType(column);
    return type.isPrimitive()
        && type.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
        && !type.isRepetition(Type.Repetition.REPEATED)
        && (type.getLogicalTypeAnnotation() == null
            || type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation);
  }

  private MessageType projection(MessageType schema, boolean hasId, boolean hasSource) {
    List<Type> fields = new ArrayList<>();
    fields.add(schema.getType(columns.text()));
    if (hasId) {
      fields.add(schema.getType(columns.id()));
    }
    if (hasSource && !columns.source().equals(columns.id())) {
      fields.add(schema.getType(columns.source()));
    }
    return new MessageType(schema.getName(), fields);
  }

  private static String string(GenericRecord row, String field) {
    Object value = row.get(field);
    if (value instanceof ByteBuffer bytes) { // a binary column without the string annotation
      return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    }
    return value == null ? null : value.toString(); // Avro hands back Utf8, not String
  }

  private static DocDecision fileReject(String name, RejectReason reason, String detail) {
    return DocDecision.reject(new Doc(name, name, ""), reason, detail);
  }
}
