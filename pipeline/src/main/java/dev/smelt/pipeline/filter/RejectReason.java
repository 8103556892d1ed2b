package dev.smelt.pipeline.filter;

/** Why a document left the pipeline: the one list of reason codes every stage draws from. */
public enum RejectReason {
  UNREADABLE_FILE("the file could not be opened or read"),
  UNSUPPORTED_FORMAT("no reader handles this file type"),
  BAD_GZIP("the gzip stream is corrupt or truncated"),
  INVALID_UTF8("the bytes are not valid UTF-8"),
  BINARY_FILE("the content holds NUL bytes, so it is not text"),
  EMPTY_FILE("the file holds no content"),
  INVALID_JSON("the line is not a JSON object"),
  MISSING_TEXT("the record has no non-empty string 'text' field"),
  TOO_SHORT("fewer characters than the minimum, after cleaning"),
  TOO_LONG("more characters (or bytes) than the maximum"),
  DUPLICATE("the same cleaned text as a document with a smaller id");

  private final String description;

  RejectReason(String description) {
    this.description = description;
  }

  /** One line for people reading stats or a report. */
  public String description() {
    return description;
  }
}
