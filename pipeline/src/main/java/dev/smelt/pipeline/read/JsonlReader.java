package dev.smelt.pipeline.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * JSON Lines: one object per line with {@code text}, optional {@code id} (default
 * {@code <file>:<line>}) and optional {@code source} (default the file). A bad line is rejected
 * on its own and reading goes on; blank lines are skipped.
 */
public final class JsonlReader implements FormatReader {
  public static final String NAME = "jsonl";

  private final ObjectMapper json =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final int maxLineBytes;

  public JsonlReader(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> extensions() {
    return List.of(".jsonl");
  }

  @Override
  public void read(CorpusFile file, InputStream content, Consumer<DocDecision> out)
      throws IOException {
    ByteLines lines = new ByteLines(content, maxLineBytes);
    boolean sawRecord = false;
    for (ByteLines.Line line = lines.next(); line != null; line = lines.next()) {
      if (isBlank(line)) {
        continue;
      }
      sawRecord = true;
      out.accept(decide(file, line));
    }
    if (!sawRecord) {
      out.accept(
          DocDecision.reject(
              new Doc(file.relativePath(), file.relativePath(), ""),
              RejectReason.EMPTY_FILE,
              "no non-blank lines"));
    }
  }

  private DocDecision decide(CorpusFile file, ByteLines.Line line) {
    String lineId = file.relativePath() + ":" + line.number();
    Doc raw =
        new Doc(lineId, file.relativePath(), Utf8.decodeLenient(line.bytes(), line.length()));
    if (line.tooLong()) {
      return DocDecision.reject(
          raw, RejectReason.TOO_LONG, "line longer than " + maxLineBytes + " bytes");
    }
    String text;
    try {
      text = Utf8.decodeStrict(line.bytes(), line.length());
    } catch (Utf8.InvalidUtf8 e) {
      return DocDecision.reject(raw, RejectReason.INVALID_UTF8, e.getMessage() + " of the line");
    }
    if (line.number() == 1 && text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark is not JSON
    }
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      return DocDecision.reject(raw, RejectReason.INVALID_JSON, e.getOriginalMessage());
    }
    if (!node.isObject()) {
      return DocDecision.reject(
          raw, RejectReason.INVALID_JSON, "line is a JSON " + node.getNodeType() + ", not an object");
    }
    String id = scalarOr(node.get("id"), lineId);
    String source = scalarOr(node.get("source"), file.relativePath());
    Doc named = new Doc(id, source, raw.text());
    JsonNode textNode = node.get("text");
    if (textNode == null || textNode.isNull()) {
      return DocDecision.reject(named, RejectReason.MISSING_TEXT, "no 'text' field");
    }
    if (!textNode.isTextual()) {
      return DocDecision.reject(
          named, RejectReason.MISSING_TEXT, "'text' is a " + textNode.getNodeType() + ", not a string");
    }
    if (textNode.textValue().isEmpty()) {
      return DocDecision.reject(named, RejectReason.MISSING_TEXT, "'text' is empty");
    }
    return DocDecision.keep(new Doc(id, source, textNode.textValue()));
  }

  private static String scalarOr(JsonNode node, String fallback) {
    if (node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()) {
      return fallback;
    }
    return node.asText();
  }

  private static boolean isBlank(ByteLines.Line line) {
    for (int i = 0; i < line.length(); i++) {
      byte b = line.bytes()[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return !line.tooLong();
  }
}
