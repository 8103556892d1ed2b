package dev.smelt.pipeline.read;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plain text and Markdown. A file of at most {@code splitBytes} is one document, its id the file's
 * relative path. A larger one is read as a stream of pieces ({@link TextPieces}: cut at empty lines
 * near every {@code splitBytes}, never mid-line), each a document with id {@code <path>#NNNNNN}
 * (the piece's mark: ids sort in file order), emitted as it completes, so a 5 GB file is never held.
 * Pieces are decoded with the charset its head shows ({@link HeadCharset}); a piece over the
 * largest document size (one line longer than that) is a TOO_LONG reject. A file that is not
 * UTF-8 is decoded with its detected charset when detection is confident (a Latin-1 or
 * Windows-1252 file becomes a document), and rejected with the reason otherwise.
 */
public final class PlainTextReader implements FormatReader {
  public static final String NAME = "text";
  static final List<String> EXTENSIONS = List.of(".txt", ".md");

  private final int maxFileBytes;
  private final int splitBytes;
  private final TextPieces pieces;

  /** @param splitBytes files larger than this are read as pieces of about this size */
  public PlainTextReader(int maxFileBytes, int splitBytes) {
    this.maxFileBytes = maxFileBytes;
    this.splitBytes = splitBytes;
    this.pieces = new TextPieces(splitBytes, maxFileBytes);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> extensions() {
    return EXTENSIONS;
  }

  @Override
  public void read(CorpusFile file, InputStream content, Consumer<DocDecision> out)
      throws IOException {
    byte[] start = content.readNBytes(splitBytes + 1);
    if (start.length <= splitBytes) {
      out.accept(whole(file, start));
      return;
    }
    HeadCharset charset = HeadCharset.of(start);
    pieces.cut(new SequenceInputStream(new ByteArrayInputStream(start), content), 0, Long.MAX_VALUE,
        piece -> out.accept(decide(file, piece, charset)));
  }

  /**
   * Reads the pieces {@code [firstMark, endMark)} of a large file from its channel, as {@link #read}
   * would find them: the charset from the same head, the same cuts and ids.
   */
  void readRange(CorpusFile file, FileChannel channel, long firstMark, long endMark,
      Consumer<DocDecision> out) throws IOException {
    ByteBuffer start = ByteBuffer.allocate(Math.min(splitBytes + 1, HeadCharset.HEAD_BYTES));
    while (start.hasRemaining() && channel.read(start, start.position()) > 0) {
      // a positional read may return fewer bytes than asked
    }
    HeadCharset charset = HeadCharset.of(Arrays.copyOf(start.array(), start.position()));
    channel.position(pieces.startOf(firstMark));
    InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
    pieces.cut(in, firstMark, endMark, piece -> out.accept(decide(file, piece, charset)));
  }

  /** A small file: one document, as before splitting existed. */
  private DocDecision whole(CorpusFile file, byte[] content) {
    String id = file.relativePath();
    BoundedBytes bytes = BoundedBytes.of(content, content.length, maxFileBytes);
    Doc raw = new Doc(id, id, bytes.lenientText());
    return bytes.tooLong() ? bytes.tooLongReject(raw, "file") : bytes.decide(raw, null);
  }

  private DocDecision decide(CorpusFile file, TextPieces.Piece piece, HeadCharset charset) {
    String id = pieceId(file, piece.number());
    BoundedBytes bytes = BoundedBytes.of(piece.bytes(), piece.length(), maxFileBytes);
    Doc raw = new Doc(id, file.relativePath(), bytes.lenientText());
    if (piece.tooLong()) {
      return DocDecision.reject(raw, RejectReason.TOO_LONG,
          "piece " + piece.number() + " of the file holds a line longer than " + maxFileBytes + " bytes");
    }
    return charset.decide(raw, bytes);
  }

  /** {@code <path>#NNNNNN}: six digits, so ids sort in file order up to a million pieces. */
  static String pieceId(CorpusFile file, long number) {
    return file.relativePath() + "#" + String.format("%06d", number);
  }
}
