package dev.smelt.pipeline.read;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one corpus file into documents and read rejects, and never throws for what is in the
 * file: an unreadable, corrupt, binary or empty file becomes a reject, so one bad file cannot stop
 * a run. Gzip is recognised by its magic bytes, whatever the file is called. The reader is chosen
 * by the file's name, or, when no reader claims the name, by its first bytes (mail headers, a
 * WARC header, an HTML doctype).
 */
public final class CorpusFileReader {
  /** Largest document (or JSONL line) read, in bytes; larger ones are rejected TOO_LONG. */
  public static final int DEFAULT_MAX_DOC_BYTES = ReaderOptions.DEFAULT_MAX_DOC_BYTES;

  private static final int BUFFER = 64 * 1024;
  private static final int SNIFF_BYTES = 8 * 1024;

  private final List<FormatReader> formats;

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
    long[] emitted = {0};
    Consumer<DocDecision> counted = decision -> {
      emitted[0]++;
      out.accept(decision);
    };
    if (byName instanceof RandomAccessFormatReader whole) {
      readWhole(file, whole, gzName, counted, emitted);
      return;
    }
    boolean gzip = false;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file.toPath()), BUFFER)) {
      gzip = startsWithGzipMagic(raw);
      if (gzName && !gzip) {
        reject(file, out, RejectReason.BAD_GZIP, "name ends in .gz but the file lacks gzip magic bytes");
        return;
      }
      InputStream content =
          gzip ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
      readContent(file, byName, content, gzip, counted);
    } catch (ZipException e) {
      reject(file, out, RejectReason.BAD_GZIP, describe(e) + afterRecords(emitted[0]));
    } catch (EOFException e) {
      // A stream that ends inside a gzip member or a record: the file was cut short.
      RejectReason reason = gzip ? RejectReason.BAD_GZIP : RejectReason.CORRUPT_FILE;
      reject(file, out, reason, "truncated: " + describe(e) + afterRecords(emitted[0]));
    } catch (IOException e) {
      reject(file, out, RejectReason.UNREADABLE_FILE, describe(e) + afterRecords(emitted[0]));
    }
  }

  private static void readWhole(CorpusFile file, RandomAccessFormatReader format, boolean gzName,
      Consumer<DocDecision> out, long[] emitted) {
    if (gzName) {
      reject(file, out, RejectReason.UNSUPPORTED_FORMAT,
          format.name() + " files compress internally and cannot be read through gzip: gunzip it");
      return;
    }
    try {
      format.readFile(file, out);
    } catch (IOException e) {
      reject(file, out, RejectReason.UNREADABLE_FILE, describe(e) + afterRecords(emitted[0]));
    }
  }

  /**
   * Picks a reader by content when the name did not, and rejects empty and binary content up
   * front, so text formats only ever see text.
   */
  private void readContent(CorpusFile file, FormatReader byName, InputStream content,
      boolean gzip, Consumer<DocDecision> out) throws IOException {
    content.mark(SNIFF_BYTES);
    byte[] head = content.readNBytes(SNIFF_BYTES);
    content.reset();
    if (head.length == 0) {
      reject(file, out, RejectReason.EMPTY_FILE, gzip ? "decompresses to 0 bytes" : "0 bytes");
      return;
    }
    FormatReader format = byName != null ? byName
        : formats.stream().filter(f -> !(f instanceof RandomAccessFormatReader))
            .filter(f -> f.recognizes(head)).findFirst().orElse(null);
    int nul = indexOfNul(head);
    if (format == null) {
      reject(file, out, RejectReason.UNSUPPORTED_FORMAT, "no reader for '" + file.relativePath()
          + "' by its name or its first bytes; supported: " + supported());
    } else if (nul >= 0 && format.textOnly()) {
      reject(file, out, RejectReason.BINARY_FILE, "NUL byte at offset " + nul,
          Utf8.decodeLenient(head, head.length));
    } else {
      format.read(file, content, out);
    }
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

  private static void reject(
      CorpusFile file, Consumer<DocDecision> out, RejectReason reason, String detail, String text) {
    String id = file.relativePath();
    out.accept(DocDecision.reject(new Doc(id, id, text), reason, detail));
  }
}
