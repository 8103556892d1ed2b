package dev.smelt.activities.eval;

import dev.smelt.pipeline.tokenize.BpeTokenizer;
import java.util.List;

/**
 * The size of exactly the text {@link Perplexity#evaluate} scored: its windows are consecutive and
 * do not overlap, so the scored tokens are positions 1..n of the documents' concatenation (position
 * 0 is context only) and each token's bytes count once. Special tokens (end of text) carry no bytes
 * and end a word, as a document's end does.
 */
public final class ScoredText {
  /**
   * UTF-8 bytes, whitespace-separated words, documents with at least one scored token, and all the
   * documents given (more when the perplexity's window cap left some unscored).
   */
  public record Size(long bytes, long words, int documents, int ofDocuments) {}

  private ScoredText() {}

  /** The size of the {@code scoredTokens} tokens after the first one of {@code docs} concatenated. */
  public static Size of(BpeTokenizer tokenizer, List<int[]> docs, long scoredTokens) {
    long position = 0;
    long bytes = 0;
    long words = 0;
    boolean inWord = false;
    int documents = 0;
    for (int[] doc : docs) {
      documents += position < scoredTokens + 1 && position + doc.length > 1 ? 1 : 0;
      inWord = false; // documents are separate texts, even without an end-of-text token
      for (int id : doc) {
        if (position++ == 0) {
          continue;
        }
        if (position - 1 > scoredTokens) {
          return new Size(bytes, words, documents, docs.size());
        }
        if (id < BpeTokenizer.FIRST_BYTE_ID) {
          inWord = false;
          continue;
        }
        bytes += tokenizer.token(id).length(); // byte-level BPE: one symbol per byte
        // Whitespace is ASCII, so a token holding part of a multi-byte character decodes to U+FFFD
        // (not whitespace) without mistaking a word boundary.
        for (char ch : tokenizer.decode(new int[] {id}).toCharArray()) {
          boolean space = Character.isWhitespace(ch);
          words += !space && !inWord ? 1 : 0;
          inWord = !space;
        }
      }
    }
    return new Size(bytes, words, documents, docs.size());
  }
}
