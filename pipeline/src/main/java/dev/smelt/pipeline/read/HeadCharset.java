package dev.smelt.pipeline.read;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import java.nio.charset.StandardCharsets;

/**
 * The charset the pieces of a large text file are decoded with, decided once from the file's head
 * (its first {@link #HEAD_BYTES}, up to the last line end), so that every piece of one file reads
 * alike: a head in UTF-8 (or plain ASCII) lets each piece be decoded as any text is; a head in
 * another charset makes it the one each piece tries first, and a guessed one is counted as a guess
 * in every piece it decodes. A head that decodes in no charset decides nothing.
 *
 * @param charset the charset each piece tries first, or null for none
 * @param guessed whether that charset was detected rather than certain
 */
record HeadCharset(String charset, boolean guessed) {
  /** As much as the charset detector reads ({@code TextDecoding}'s 256 KiB). */
  static final int HEAD_BYTES = 256 * 1024;

  /** The decision for a file that starts with {@code start} (its first bytes, any number). */
  static HeadCharset of(byte[] start) {
    int length = Math.min(start.length, HEAD_BYTES);
    int cut = length;
    while (cut > 0 && start[cut - 1] != '\n') {
      cut--; // a head cut mid-line could split a multi-byte character
    }
    TextDecoding.Result head = TextDecoding.decode(start, cut == 0 ? length : cut);
    if (head instanceof TextDecoding.Decoded decoded
        && !decoded.charset().equals(StandardCharsets.UTF_8.name())) {
      return new HeadCharset(decoded.charset(), decoded.guessed());
    }
    return new HeadCharset(null, false);
  }

  /** Keeps the piece decoded (a guess from the head counted), or rejects it with why not. */
  DocDecision decide(Doc raw, BoundedBytes bytes) {
    return bytes.decide(raw, charset, guessed);
  }
}
