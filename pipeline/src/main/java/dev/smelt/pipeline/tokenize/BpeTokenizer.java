package dev.smelt.pipeline.tokenize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GPT-2-style byte-level BPE tokenizer: text is split by GPT-2's regex, each piece's UTF-8 bytes
 * start as one token each, and merges are applied lowest rank first. Any string round-trips:
 * {@code decode(encode(s)).equals(s)} for every well-formed UTF-16 string (a lone surrogate cannot
 * be written as UTF-8 and comes back as {@code '?'}).
 *
 * <p>Ids 0..3 are the special tokens, 4..259 the 256 bytes (id = 4 + byte value), then one id per
 * merge in rank order. {@link #encode} treats special-token strings in the text as plain text, so a
 * document cannot forge a document boundary; Hugging Face tokenizers, reading the same
 * tokenizer.json, would turn a literal {@code <|endoftext|>} in the text into id 0.
 *
 * <p>Immutable and thread-safe; serializable so a Beam DoFn can carry it.
 */
public final class BpeTokenizer implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String END_OF_TEXT = "<|endoftext|>";
  public static final String PAD = "<|pad|>";
  public static final String MASK = "<|mask|>";
  public static final String CLS = "<|cls|>";
  /** The special tokens, in id order. */
  public static final List<String> SPECIAL_TOKENS = List.of(END_OF_TEXT, PAD, MASK, CLS);

  public static final int END_OF_TEXT_ID = 0;
  public static final int PAD_ID = 1;
  public static final int MASK_ID = 2;
  public static final int CLS_ID = 3;
  /** Id of the token for byte 0; byte b has id {@code FIRST_BYTE_ID + b}. */
  public static final int FIRST_BYTE_ID = SPECIAL_TOKENS.size();
  /** Id of the first merged token. */
  public static final int FIRST_MERGE_ID = FIRST_BYTE_ID + 256;

  private static final int CACHE_MAX_ENTRIES = 65_536;
  private static final int CACHE_MAX_PIECE_CHARS = 64;

  private final String[] tokens;
  private final int[] mergeLeft;
  private final int[] mergeRight;
  private final int[] mergeResult;

  private transient Map<Long, Long> merges; // pair (left << 32 | right) -> rank << 32 | result id
  private transient Map<String, int[]> cache;

  /**
   * @param tokens every token's byte-level string, by id; ids 0..3 hold the special tokens
   * @param mergeLeft left token id of each merge, by rank (likewise right and result)
   */
  BpeTokenizer(String[] tokens, int[] mergeLeft, int[] mergeRight, int[] mergeResult) {
    if (mergeLeft.length != mergeRight.length || mergeLeft.length != mergeResult.length) {
      throw new IllegalArgumentException("merge arrays differ in length");
    }
    this.tokens = tokens.clone();
    this.mergeLeft = mergeLeft.clone();
    this.mergeRight = mergeRight.clone();
    this.mergeResult = mergeResult.clone();
    for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
      if (!SPECIAL_TOKENS.get(i).equals(tokens[i])) {
        throw new IllegalArgumentException(
            "token id " + i + " must be " + SPECIAL_TOKENS.get(i) + " but is " + tokens[i]);
      }
    }
    for (int b = 0; b < 256; b++) {
      if (!String.valueOf(ByteLevel.symbolOf(b)).equals(tokens[FIRST_BYTE_ID + b])) {
        throw new IllegalArgumentException(
            "token id " + (FIRST_BYTE_ID + b) + " must be the symbol of byte " + b);
      }
    }
    initDerived();
  }

  private void initDerived() {
    merges = new HashMap<>(mergeLeft.length * 2);
    for (int rank = 0; rank < mergeLeft.length; rank++) {
      merges.put(pairKey(mergeLeft[rank], mergeRight[rank]), ((long) rank << 32) | mergeResult[rank]);
    }
    cache = new ConcurrentHashMap<>();
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    initDerived();
  }

  static long pairKey(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  /** Reads a tokenizer.json written by {@link #save}; see {@link TokenizerJson} for what is checked. */
  public static BpeTokenizer load(Path tokenizerJson) throws IOException {
    return TokenizerJson.read(tokenizerJson);
  }

  /** Writes this tokenizer in Hugging Face tokenizers' JSON format, loadable by DJL and transformers. */
  public void save(Path tokenizerJson) throws IOException {
    TokenizerJson.write(this, tokenizerJson);
  }

  public int vocabSize() {
    return tokens.length;
  }

  /** Number of merges; merge {@code r} produced token id {@code FIRST_MERGE_ID + r} when trained here. */
  public int mergeCount() {
    return mergeLeft.length;
  }

  /** The byte-level string of token {@code id} (a special token's own text for ids 0..3). */
  public String token(int id) {
    checkId(id);
    return tokens[id];
  }

  String[] tokens() {
    return tokens.clone();
  }

  /** Merge {@code rank} as the pair of byte-level strings it joins. */
  String[] merge(int rank) {
    return new String[] {tokens[mergeLeft[rank]], tokens[mergeRight[rank]]};
  }

  /** The fewest tokens any vocabulary encodes {@code text} into: a token never spans two pieces. */
  public static int fewestTokens(String text) {
    return ByteLevel.split(text).size();
  }

  /** The token ids of {@code text}; no special tokens are added. */
  public int[] encode(String text) {
    int[] out = new int[Math.max(16, text.length() / 3)];
    int n = 0;
    java.util.regex.Matcher m = ByteLevel.SPLIT.matcher(text);
    while (m.find()) {
      int[] ids = encodePiece(m.group());
      if (n + ids.length > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, n + ids.length));
      }
      System.arraycopy(ids, 0, out, n, ids.length);
      n += ids.length;
    }
    return Arrays.copyOf(out, n);
  }

  private int[] encodePiece(String piece) {
    boolean cacheable = piece.length() <= CACHE_MAX_PIECE_CHARS;
    if (cacheable) {
      int[] hit = cache.get(piece);
      if (hit != null) {
        return hit;
      }
    }
    byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
    int[] symbols = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      symbols[i] = FIRST_BYTE_ID + (bytes[i] & 0xFF);
    }
    int[] ids = applyMerges(symbols);
    if (cacheable) {
      if (cache.size() >= CACHE_MAX_ENTRIES) {
        cache.clear(); // crude but bounded; the hot pieces come straight back
      }
      cache.put(piece, ids);
    }
    return ids;
  }

  /**
   * Applies merges lowest rank first, equal ranks left to right, as GPT-2 does; a heap over a
   * linked list keeps long pieces (runs of spaces or dashes) at O(n log n) rather than O(n²).
   */
  private int[] applyMerges(int[] sym) {
    int n = sym.length;
    if (n < 2) {
      return sym;
    }
    int[] next = new int[n];
    int[] prev = new int[n];
    PriorityQueue<Long> queue = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
      if (i + 1 < n) {
        offer(queue, sym[i], sym[i + 1], i);
      }
    }
    int alive = n;
    while (!queue.isEmpty()) {
      long entry = queue.poll();
      int rank = (int) (entry >>> 32);
      int pos = (int) entry;
      int right = next[pos];
      if (sym[pos] < 0 || right < 0) {
        continue;
      }
      Long merge = merges.get(pairKey(sym[pos], sym[right]));
      if (merge == null || (int) (merge >>> 32) != rank) {
        continue; // stale: a neighbour changed since this entry was queued
      }
      sym[pos] = (int) (long) merge;
      sym[right] = -1;
      next[pos] = next[right];
      if (next[pos] >= 0) {
        prev[next[pos]] = pos;
      }
      alive--;
      if (prev[pos] >= 0) {
        offer(queue, sym[prev[pos]], sym[pos], prev[pos]);
      }
      if (next[pos] >= 0) {
        offer(queue, sym[pos], sym[next[pos]], pos);
      }
    }
    int[] out = new int[alive];
    int k = 0;
    for (int i = 0; i >= 0; i = next[i]) {
      out[k++] = sym[i];
    }
    return out;
  }

  private void offer(PriorityQueue<Long> queue, int left, int right, int pos) {
    Long merge = merges.get(pairKey(left, right));
    if (merge != null) {
      queue.add((merge & 0xFFFFFFFF00000000L) | pos);
    }
  }

  /**
   * The text of {@code ids}, special tokens included as their own text ({@code <|endoftext|>}), so
   * that {@code decode(encode(s))} is {@code s}. Byte sequences that are not UTF-8 (possible for
   * arbitrary ids) decode to U+FFFD.
   */
  public String decode(int[] ids) {
    return decode(ids, false);
  }

  /** As {@link #decode(int[])}, leaving out the special tokens when {@code skipSpecialTokens}. */
  public String decode(int[] ids, boolean skipSpecialTokens) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * 4);
    for (int id : ids) {
      checkId(id);
      if (id < FIRST_BYTE_ID) {
        if (!skipSpecialTokens) {
          bytes.writeBytes(tokens[id].getBytes(StandardCharsets.UTF_8));
        }
      } else if (!ByteLevel.appendBytes(tokens[id], bytes)) {
        throw new IllegalStateException("token " + id + " is not a byte-level token: " + tokens[id]);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void checkId(int id) {
    if (id < 0 || id >= tokens.length) {
      throw new IllegalArgumentException(
          "token id " + id + " is outside the vocabulary of size " + tokens.length);
    }
  }
}
