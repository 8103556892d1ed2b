package dev.smelt.pipeline.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a large text into pieces near a target size S, streaming, at places the bytes alone fix:
 * piece k (k ≥ 1) starts at the first paragraph break (a line start right after an empty line,
 * "\n\n" or "\n\r\n") in [kS, kS + S/2), else at the first line start at or after kS + S/2; piece 0
 * starts at byte 0. So a piece is never cut mid-line, holds about S/2 to 3S/2 bytes, and a reader
 * that starts a few bytes before any mark finds the same cuts as one that starts at byte 0: a file
 * can be read in byte ranges of whole marks, in parallel, with the same pieces and numbers. Where
 * one long line spans marks, their pieces are empty and skipped, so numbers may have gaps.
 */
final class TextPieces {
  /** Bytes before a mark a reader must see to judge a paragraph break at the mark. */
  static final int LOOK_BACK = 3;
  private static final int CHUNK = 64 * 1024;

  /**
   * One piece; {@code bytes} is valid up to {@code length} and reused for the next piece.
   *
   * @param tooLong the piece held more than the limit: {@code bytes} is its start, the rest skipped
   */
  record Piece(long number, byte[] bytes, int length, boolean tooLong) {}

  /** Receives each piece as soon as it is complete. */
  @FunctionalInterface
  interface Sink {
    void accept(Piece piece) throws IOException;
  }

  private final long splitBytes;
  private final int maxPieceBytes;

  /**
   * @param splitBytes the target size S (at least {@code 2 * LOOK_BACK + 2})
   * @param maxPieceBytes most bytes of one piece held; a longer one is cut there and marked
   */
  TextPieces(long splitBytes, int maxPieceBytes) {
    if (splitBytes < 2 * LOOK_BACK + 2) {
      throw new IllegalArgumentException("text pieces need a split size of at least "
          + (2 * LOOK_BACK + 2) + " bytes, not " + splitBytes);
    }
    this.splitBytes = splitBytes;
    this.maxPieceBytes = maxPieceBytes;
  }

  /** Where a reader of pieces from {@code firstMark} on must start reading. */
  long startOf(long firstMark) {
    return Math.max(0, firstMark * splitBytes - LOOK_BACK);
  }

  /**
   * Cuts the pieces numbered from {@code firstMark} up to (not including) {@code endMark}.
   *
   * @param in the text, positioned at {@link #startOf}({@code firstMark})
   */
  void cut(InputStream in, long firstMark, long endMark, Sink out) throws IOException {
    new Cutter(startOf(firstMark), firstMark, endMark, out).run(in);
  }

  /** Whether the cut for mark {@code m} may fall at line start {@code p}. */
  private boolean cutsAt(long m, long p, boolean paragraphBreak) {
    long mark = m * splitBytes;
    return p >= mark && (paragraphBreak || p >= mark + splitBytes / 2);
  }

  private final class Cutter {
    private final long firstMark;
    private final long endMark;
    private final Sink out;
    private long position;
    private long current;
    private int b1 = -1;
    private int b2 = -1;
    private int b3 = -1;
    private byte[] piece = new byte[CHUNK];
    private int length;
    private boolean tooLong;
    private boolean done;

    Cutter(long start, long firstMark, long endMark, Sink out) {
      this.position = start;
      this.firstMark = firstMark;
      this.endMark = endMark;
      this.out = out;
      this.current = firstMark == 0 ? 0 : -1; // -1: still looking for the first piece's start
    }

    void run(InputStream in) throws IOException {
      byte[] chunk = new byte[CHUNK];
      for (int n = in.read(chunk); n >= 0 && !done; n = in.read(chunk)) {
        for (int i = 0; i < n && !done; i++) {
          step(chunk[i]);
        }
      }
      if (!done) {
        emit();
      }
    }

    private void step(byte b) throws IOException {
      if (b1 == '\n') {
        atLineStart();
      }
      if (current >= 0 && !done) {
        append(b);
      }
      b3 = b2;
      b2 = b1;
      b1 = b;
      position++;
    }

    /** At a line start: the marks whose cut falls here end the current piece. */
    private void atLineStart() throws IOException {
      boolean paragraphBreak = b2 == '\n' || (b2 == '\r' && b3 == '\n');
      long next = current < 0 ? firstMark : current + 1;
      if (!cutsAt(next, position, paragraphBreak)) {
        return;
      }
      while (cutsAt(next + 1, position, paragraphBreak)) {
        next++; // the pieces of marks a long line spanned are empty
      }
      emit();
      current = next;
      done = current >= endMark;
    }

    private void append(byte b) {
      if (length == maxPieceBytes) {
        tooLong = true;
        return;
      }
      if (length == piece.length) {
        piece = Arrays.copyOf(piece, (int) Math.min(maxPieceBytes, 2L * piece.length));
      }
      piece[length++] = b;
    }

    private void emit() throws IOException {
      if (current >= 0 && (length > 0 || tooLong)) {
        out.accept(new Piece(current, piece, length, tooLong));
      }
      length = 0;
      tooLong = false;
    }
  }
}
