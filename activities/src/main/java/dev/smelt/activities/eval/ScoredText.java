package dev.smelt.activities.eval;

import dev.smelt.pipeline.tokenize.BpeTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    try {
      return of(tokenizer, TokenDocs.of(docs), scoredTokens);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a list reads no files
    }
  }

  /**
   * As {@link #of(BpeTokenizer, List, long)} with the documents streamed once: past the scored
   * tokens they are only counted.
   */
  public static Size of(BpeTokenizer tokenizer, TokenDocs docs, long scoredTokens)
      throws IOException {
    Counter c = new Counter(tokenizer, scoredTokens);
    docs.visit(doc -> {
      c.add(doc);
      return true;
    });
    return new Size(c.bytes, c.words, c.documents, c.ofDocuments);
  }

  /** The running sizes while the documents stream past. */
  private static final class Counter {
    private final BpeTokenizer tokenizer;
    private final long scoredTokens;
    private long position;
    private long bytes;
    private long words;
    private int documents;
    private int ofDocuments;

    Counter(BpeTokenizer tokenizer, long scoredTokens) {
      this.tokenizer = tokenizer;
      this.scoredTokens = scoredTokens;
    }

    void add(int[] doc) {
      ofDocuments++;
      if (position > scoredTokens) {
        return; // past the scored text: only counted
      }
      documents += position < scoredTokens + 1 && position + doc.length > 1 ? 1 : 0;
      boolean inWord = false; // documents are separate texts, even without an end-of-text token
      for (int id : doc) {
        if (position++ == 0) {
          continue;
        }
        if (position - 1 > scoredTokens) {
          return;
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
  }
}
