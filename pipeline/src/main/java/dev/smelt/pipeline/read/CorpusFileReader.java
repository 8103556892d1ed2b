package dev.smelt.pipeline.read;

import dev.smelt.pipeline.clean.MojibakeRepair;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.zip.ZipException;

/**
 * Reads one corpus file into documents and read rejects, and never throws for what is in the
 * file: an unreadable, corrupt, binary or empty file becomes a reject, so one bad file cannot stop
 * a run. Gzip is recognised by its magic bytes, whatever the file is called. The reader is chosen
 * by the file's name, or, when no reader claims the name, by its first bytes (mail headers, a
 * WARC header, an HTML doctype). UTF-16 and UTF-32 are decoded; where a gzip stream breaks, the
 * records before the break are kept and the one it broke in is the reject. Nothing changes
 * silently: a guessed charset, dropped bytes and repaired mojibake are counted rewrites.
 */
public final class CorpusFileReader {
  /** Largest document (or JSONL line) read, in bytes; larger ones are rejected TOO_LONG. */
  public static final int DEFAULT_MAX_DOC_BYTES = ReaderOptions.DEFAULT_MAX_DOC_BYTES;

  private static final int BUFFER = 64 * 1024;
  private static final int SNIFF_BYTES = 8 * 1024;

  private final List<FormatReader> formats;
  private final MojibakeRepair mojibake = new MojibakeRepair();

  /** Every reader, default settings. */
  public CorpusFileReader() {
    this(ReaderOptions.defaults());
  }

  public CorpusFileReader(int maxDocBytes) {
    this(ReaderOptions.defaults().withMaxDocBytes(maxDocBytes));
  }

  public CorpusFileReader(ReaderOptions options) {
    this(FormatReaders.create(options));
  }

  public CorpusFileReader(List<FormatReader> formats) {
    this.formats = List.copyOf(formats);
  }

  /** Reads a file, or rejects an entry the walk skipped with the walk's reason. */
  public void read(CorpusFile file, Consumer<DocDecision> out) {
    if (file.isSkipped()) {
      reject(file, out, file.skipReason(), file.skipDetail());
      return;
    }
    String name = file.relativePath().toLowerCase(Locale.ROOT);
    boolean gzName = name.endsWith(".gz");
    String plainName = gzName ? name.substring(0, name.length() - 3) : name;
    FormatReader byName = formats.stream().filter(f -> f.accepts(plainName)).findFirst().orElse(null);
    HeldBack held = new HeldBack(out);
    Consumer<DocDecision> repaired = decision -> held.accept(ReadRewrites.repairMojibake(decision, mojibake));
    if (byName instanceof RandomAccessFormatReader whole) {
      readWhole(file, whole, gzName, repaired, held);
    } else {
      readStream(file, byName, gzName, repaired, held);
    }
    held.flush();
  }

  /**
   * Reads one unit: a whole entry as {@link #read(CorpusFile, Consumer)} does, or a range of a
   * large text file's pieces. A text file whose start needs the stream path (gzip, UTF-16/32, NUL
   * bytes, empty) is read whole by its first unit, and its other units read nothing.
   */
  public void read(ReadUnit unit, Consumer<DocDecision> out) {
    PlainTextReader text = formats.stream().filter(PlainTextReader.class::isInstance)
        .map(PlainTextReader.class::cast).findFirst().orElse(null);
    if (unit.isWhole() || text == null) {
      read(unit.file(), out);
      return;
    }
    CorpusFile file = unit.file();
    try (FileChannel channel = FileChannel.open(file.toPath())) {
      ByteBuffer head = ByteBuffer.allocate(SNIFF_BYTES);
      channel.read(head, 0);
      byte[] start = Arrays.copyOf(head.array(), head.position());
      boolean streamOnly = start.length < 2 || (start[0] == 0x1f && start[1] == (byte) 0x8b)
          || WideUnicode.detect(start).isPresent() || indexOfNul(start) >= 0;
      if (streamOnly) {
        if (unit.isFirst()) {
          read(file, out);
        }
        return;
      }
      text.readRange(file, channel, unit.firstMark(), unit.endMark(),
          decision -> out.accept(ReadRewrites.repairMojibake(decision, mojibake)));
    } catch (IOException e) {
      out.accept(DocDecision.reject(new Doc(PlainTextReader.pieceId(file, unit.firstMark()),
          file.relativePath(), ""), RejectReason.UNREADABLE_FILE, "pieces from " + unit.firstMark()
          + " on: " + describe(e)));
    }
  }

  /** Reads a file front to back, through gzip when its magic bytes say so. */
  private void readStream(CorpusFile file, FormatReader byName, boolean gzName,
      Consumer<DocDecision> repaired, HeldBack held) {
    boolean gzip = false;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file.toPath()), BUFFER)) {
      gzip = startsWithGzipMagic(raw);
      if (gzName && !gzip) {
        reject(file, held, RejectReason.BAD_GZIP, "name ends in .gz but the file lacks gzip magic bytes");
        return;
      }
      TolerantGzip gz = gzip ? new TolerantGzip(raw, BUFFER) : null;
      readContent(file, byName, gzip ? new BufferedInputStream(gz, BUFFER) : raw, gzip, repaired);
      if (gz != null && gz.failure().isPresent()) {
        held.replaceLast(file, gz.failure().get());
      }
    } catch (ZipException e) {
      held.accept(fileReject(file, RejectReason.BAD_GZIP, describe(e) + afterRecords(held.count())));
    } catch (EOFException e) {
      // A stream that ends inside a gzip header or a record: the file was cut short.
      RejectReason reason = gzip ? RejectReason.GZIP_TRUNCATED : RejectReason.CORRUPT_FILE;
      held.accept(fileReject(file, reason, "truncated: " + describe(e) + afterRecords(held.count())));
    } catch (CharacterCodingException e) {
      held.accept(fileReject(file, RejectReason.UNKNOWN_CHARSET, "not valid in the charset its start "
          + "shows: " + describe(e) + afterRecords(held.count())));
    } catch (IOException e) {
      held.accept(fileReject(file, RejectReason.UNREADABLE_FILE, describe(e) + afterRecords(held.count())));
    }
  }

  private static void readWhole(CorpusFile file, RandomAccessFormatReader format, boolean gzName,
      Consumer<DocDecision> out, HeldBack held) {
    if (gzName) {
      reject(file, out, RejectReason.UNSUPPORTED_FORMAT,
          format.name() + " files compress internally and cannot be read through gzip: gunzip it");
      return;
    }
    try {
      format.readFile(file, out);
    } catch (IOException e) {
      reject(file, out, RejectReason.UNREADABLE_FILE, describe(e) + afterRecords(held.count()));
    }
  }

  /**
   * Picks a reader by content when the name did not, re-encodes UTF-16/32 as UTF-8, and rejects
   * empty and binary content up front, so text formats only ever see UTF-8 or 8-bit text.
   */
  private void readContent(CorpusFile file, FormatReader byName, InputStream content,
      boolean gzip, Consumer<DocDecision> out) throws IOException {
    byte[] head = head(content);
    Optional<WideUnicode.Encoding> wide = head.length == 0 ? Optional.empty() : WideUnicode.detect(head);
    if (wide.isPresent()) {
      content = new BufferedInputStream(WideUnicode.toUtf8(content, wide.get()), BUFFER);
      head = head(content);
      out = wide.get().guessed() ? guessed(out) : out;
    }
    if (head.length == 0) {
      reject(file, out, RejectReason.EMPTY_FILE, gzip ? "decompresses to 0 bytes" : "0 bytes");
      return;
    }
    byte[] sniffed = head;
    FormatReader format = byName != null ? byName
        : formats.stream().filter(f -> !(f instanceof RandomAccessFormatReader))
            .filter(f -> f.recognizes(sniffed)).findFirst().orElse(null);
    int nul = indexOfNul(head);
    if (format == null) {
      reject(file, out, RejectReason.UNSUPPORTED_FORMAT, "no reader for '" + file.relativePath()
          + "' by its name or its first bytes; supported: " + supported());
    } else if (nul >= 0 && format.textOnly()) {
      reject(file, out, RejectReason.BINARY_FILE, "NUL byte at offset " + nul
          + wide.map(w -> " after decoding as " + w.describe()).orElse(""),
          Utf8.decodeLenient(head, head.length));
    } else {
      format.read(file, content, out);
    }
  }

  /** The first bytes of a marked stream, which is then reset to its start. */
  private static byte[] head(InputStream content) throws IOException {
    content.mark(SNIFF_BYTES);
    byte[] head = content.readNBytes(SNIFF_BYTES);
    content.reset();
    return head;
  }

  /** UTF-16/32 without a byte order mark is a guess: each kept record notes it. */
  private static Consumer<DocDecision> guessed(Consumer<DocDecision> out) {
    return decision -> out.accept(
        ReadRewrites.withEdits(decision, Map.of(RejectReason.CHARSET_GUESSED, 1)));
  }

  private String supported() {
    return formats.stream()
        .flatMap(f -> f.extensions().stream())
        .collect(Collectors.joining(", ", "", " (each optionally .gz)"));
  }

  private static boolean startsWithGzipMagic(InputStream in) throws IOException {
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b;
  }

  private static int indexOfNul(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String afterRecords(long emitted) {
    return emitted == 0 ? "" : " (after " + emitted + " records of this file had been read)";
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static void reject(CorpusFile file, Consumer<DocDecision> out, RejectReason reason, String detail) {
    reject(file, out, reason, detail, "");
  }

  private static DocDecision fileReject(CorpusFile file, RejectReason reason, String detail) {
    String id = file.relativePath();
    return DocDecision.reject(new Doc(id, id, ""), reason, detail);
  }

  /**
   * Passes decisions on one behind, so that when a gzip stream breaks, the record it broke in —
   * the last one read, which may be incomplete — becomes the reject for the break.
   */
  private static final class HeldBack implements Consumer<DocDecision> {
    private final Consumer<DocDecision> out;
    private DocDecision last;
    private long count;

    HeldBack(Consumer<DocDecision> out) {
      this.out = out;
    }

    @Override
    public void accept(DocDecision decision) {
      flush();
      last = decision;
      count++;
    }

    long count() {
      return count;
    }

    void replaceLast(CorpusFile file, IOException failure) {
      RejectReason reason = failure instanceof EOFException ? RejectReason.GZIP_TRUNCATED : RejectReason.BAD_GZIP;
      String detail = describe(failure) + "; " + (count == 0 ? "no records read"
          : "kept the " + (count - 1) + " records before it; this last one may be cut");
      Doc doc = last == null ? new Doc(file.relativePath(), file.relativePath(), "") : last.doc();
      last = DocDecision.reject(doc, reason, detail);
    }

    void flush() {
      if (last != null) {
        out.accept(last);
        last = null;
      }
    }
  }

  private static void reject(
      CorpusFile file, Consumer<DocDecision> out, RejectReason reason, String detail, String text) {
    String id = file.relativePath();
    out.accept(DocDecision.reject(new Doc(id, id, text), reason, detail));
  }
}
