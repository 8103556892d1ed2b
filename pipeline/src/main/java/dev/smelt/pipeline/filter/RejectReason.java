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
  DUPLICATE("the same cleaned text as a document with a smaller id"),
  UNKNOWN_CHARSET("not UTF-8, and the charset is neither declared nor detectable, or Java does not support it"),
  NOT_TEXT_RECORD("a record with no text to read: a non-response or non-text WARC record, a mail with only attachments"),
  CORRUPT_FILE("the file's structure (Parquet, WARC, MIME) is corrupt or truncated");

  private final String description;

  RejectReason(String description) {
    this.description = description;
  }

  /** One line for people reading stats or a report. */
  public String description() {
    return description;
  }
}
