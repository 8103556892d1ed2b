package dev.smelt.pipeline.filter;

/**
 * Why a stage acted on a document: the one list of reason codes every stage draws from. A code
 * names why a document was rejected, and also why a kept one was rewritten (a redaction, a removed
 * line: {@link Decision.Rewrite}) or tagged (kept but flagged: {@link Decision.Tag}).
 */
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
  NEAR_DUPLICATE("MinHash-LSH: in a near-duplicate cluster whose survivor (smallest content hash) is named in the detail"),
  // --- filters (issue 4): language, Gopher, C4, FineWeb, PII, toxicity, copyright ---
  LANGUAGE_NOT_ALLOWED("the detected language is not in data.filterSettings.language.allow"),
  LANGUAGE_UNCERTAIN("no prose, or the detector could place too little of it (data.filterSettings.language)"),
  GOPHER_WORD_COUNT("Gopher: too few or too many words"),
  GOPHER_MEAN_WORD_LENGTH("Gopher: mean word length outside the allowed range"),
  GOPHER_SYMBOL_RATIO("Gopher: too many '#' or ellipsis symbols per word"),
  GOPHER_BULLET_LINES("Gopher: too many lines start with a bullet"),
  GOPHER_ELLIPSIS_LINES("Gopher: too many lines end with an ellipsis"),
  GOPHER_NON_ALPHA_WORDS("Gopher: too few words hold an alphabetic character"),
  GOPHER_STOP_WORDS("Gopher: too few English stop words"),
  GOPHER_DUP_LINES("Gopher: too many duplicated lines"),
  GOPHER_DUP_PARAGRAPHS("Gopher: too many duplicated paragraphs"),
  GOPHER_DUP_LINE_CHARS("Gopher: too many characters in duplicated lines"),
  GOPHER_DUP_PARAGRAPH_CHARS("Gopher: too many characters in duplicated paragraphs"),
  GOPHER_TOP_NGRAM("Gopher: the most frequent 2/3/4-gram covers too many characters"),
  GOPHER_DUP_NGRAM("Gopher: duplicated 5..10-grams cover too many characters"),
  C4_LINE_NO_TERMINAL_PUNCT("C4: line removed, it does not end in terminal punctuation"),
  C4_LINE_TOO_FEW_WORDS("C4: line removed, too few words"),
  C4_LINE_JAVASCRIPT("C4: line removed, it mentions javascript"),
  C4_LINE_POLICY("C4: line removed, it is boilerplate about terms, privacy or cookies"),
  C4_LINE_LONG_WORD("C4: line removed, it holds a word longer than the maximum"),
  C4_LOREM_IPSUM("C4: the document holds 'lorem ipsum' placeholder text"),
  C4_CURLY_BRACKET("C4: the document holds a curly bracket, so it is likely code"),
  C4_TOO_FEW_SENTENCES("C4: too few sentences remain after the line rules"),
  FINEWEB_LINE_PUNCT("FineWeb: too few lines end in punctuation"),
  FINEWEB_SHORT_LINES("FineWeb: too many short lines"),
  FINEWEB_DUP_LINE_CHARS("FineWeb: too many characters in duplicated lines"),
  FINEWEB_LIST_LIKE("FineWeb: too many line breaks per word, a list rather than prose"),
  PII_EMAIL("PII: an e-mail address, replaced by <EMAIL>"),
  PII_PHONE("PII: a phone number, replaced by <PHONE>"),
  PII_IP_ADDRESS("PII: an IPv4 or IPv6 address, replaced by <IP_ADDRESS>"),
  PII_PAYMENT_CARD("PII: a payment card number passing the Luhn check, replaced by <CARD_NUMBER>"),
  PII_AWS_KEY("PII: an AWS access key id, replaced by <SECRET>"),
  PII_GITHUB_TOKEN("PII: a GitHub token, replaced by <SECRET>"),
  PII_SLACK_TOKEN("PII: a Slack token, replaced by <SECRET>"),
  PII_PRIVATE_KEY("PII: a PEM private-key block, replaced by <PRIVATE_KEY>"),
  PII_SECRET_VALUE("PII: a high-entropy value assigned to a key/token/secret/password, replaced by <SECRET>"),
  TOXIC("lexicon toxicity score above data.filterSettings.toxicity.maxScore"),
  LICENSE_TEXT("the text of a software or content licence (SPDX list)"),
  COPYRIGHT_NOTICE("a copyright notice: 'Copyright (c) YEAR …', '©' or 'All rights reserved'"),
  OPTED_OUT("the source or a URL in the text matches data.filterSettings.copyright.optOut"),
  PROTECTED_OVERLAP("shares too many word 13-grams with a work under data.filterSettings.copyright.protectedDir"),
  CONTAMINATED("shares a word n-gram with an evaluation text of the run (data.filterSettings.decontaminate)"),
  // --- readers (issue 4): charsets, records, corrupt containers ---
  UNKNOWN_CHARSET("not UTF-8, and the charset is neither declared nor detectable, or Java does not support it"),
  NOT_TEXT_RECORD("a record with no text to read: a non-response or non-text WARC record, a mail with only attachments"),
  CORRUPT_FILE("the file's structure (Parquet, WARC, MIME) is corrupt or truncated"),
  // --- corpus walking (issue 9): entries that are not read, each counted under read ---
  SYMLINK_NOT_FOLLOWED("a symbolic link inside the input, not followed because data.followSymlinks is off"),
  SYMLINK_OUTSIDE_INPUT("a symbolic link to a target outside the input folder: never followed"),
  SYMLINK_LOOP("a symbolic link that leads back to itself or to a folder holding it"),
  DANGLING_SYMLINK("a symbolic link whose target does not exist"),
  SPECIAL_FILE("a named pipe, socket or device, not a regular file: not read"),
  HIDDEN_FILE("a hidden file or folder (name starts with '.'): not read; a folder counts once"),
  // --- no silent changes (issue 9): truncation, duplicate ids; rewrites of decoding ---
  GZIP_TRUNCATED("the gzip stream ends early: records before the cut are kept, the cut one is this reject"),
  DUPLICATE_ID("another kept record has the same doc_id; the one with the smallest text hash stays"),
  CHARSET_GUESSED("rewrite: not UTF-8 and no trusted charset declared; decoded with a detected or fallback charset"),
  LOSSY_DECODE("rewrite: bytes undefined in the guessed charset were dropped"),
  MOJIBAKE_REPAIRED("rewrite: UTF-8 read as Windows-1252 (e.g. 'cafÃ©') turned back into the intended text");

  private final String description;

  RejectReason(String description) {
    this.description = description;
  }

  /** One line for people reading stats or a report. */
  public String description() {
    return description;
  }
}
