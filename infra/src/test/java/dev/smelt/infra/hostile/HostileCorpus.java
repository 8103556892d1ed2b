package dev.smelt.infra.hostile;

import dev.smelt.pipeline.filter.RejectReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A corpus folder built to break a careless reader, next to a sentinel folder it must never
 * touch: links out of the input (to the sentinel and /etc/passwd), a linked folder, a link loop, a
 * dangling link, a named pipe, a mode-000 file, hidden entries, UTF-16/32 with and without byte
 * order marks, Latin-1, mojibake, a cut .jsonl.gz and repeated doc ids.
 */
final class HostileCorpus {
  static final String SECRET = "SENTINEL-SECRET-do-not-train-on-me";
  static final String SENTENCE = "The gardener planted roses along the old stone wall.";
  /** The truncated gzip's records: ids t1..t{n}; the cut falls in the last ones. */
  static final int TRUNCATED_RECORDS = 12;

  final Path corpus;
  final Path sentinel;
  /** Whether this process can still read a mode-000 file (root can). */
  final boolean lockedIsReadable;

  private HostileCorpus(Path corpus, Path sentinel, boolean lockedIsReadable) {
    this.corpus = corpus;
    this.sentinel = sentinel;
    this.lockedIsReadable = lockedIsReadable;
  }

  static HostileCorpus plant(Path dir) throws IOException, InterruptedException {
    Path sentinel = Files.createDirectories(dir.resolve("sentinel/deeper"));
    Files.writeString(sentinel.getParent().resolve("secret.txt"), SECRET + "\n");
    Files.writeString(sentinel.resolve("more.txt"), SECRET + " again\n");
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(corpus.resolve("good.txt"), SENTENCE + "\n");
    Path real = Files.createDirectories(corpus.resolve("real"));
    Files.writeString(real.resolve("inside.txt"), "A file inside the input, reachable through a link.\n");
    plantLinks(corpus, sentinel.getParent());
    mkfifo(corpus.resolve("pipe.txt"));
    Path locked = Files.writeString(corpus.resolve("locked.txt"), "Locked away but not secret.\n");
    if (!locked.toFile().setReadable(false, false)) {
      throw new IOException("cannot chmod " + locked);
    }
    Files.writeString(corpus.resolve(".hidden.txt"), SECRET + " hidden\n");
    Files.createDirectories(corpus.resolve(".git"));
    Files.writeString(corpus.resolve(".git/config"), "[core]\n");
    plantEncodings(corpus);
    plantTruncatedGzip(corpus.resolve("truncated.jsonl.gz"));
    Files.writeString(corpus.resolve("dups.jsonl"), "{\"id\":\"d1\",\"text\":\"first text of d1\"}\n"
        + "{\"id\":\"d2\",\"text\":\"the only d2\"}\n{\"id\":\"d1\",\"text\":\"second text of d1\"}\n");
    return new HostileCorpus(corpus, sentinel.getParent(), Files.isReadable(locked));
  }

  private static void plantLinks(Path corpus, Path sentinel) throws IOException {
    Files.createSymbolicLink(corpus.resolve("leak.txt"), sentinel.resolve("secret.txt"));
    Files.createSymbolicLink(corpus.resolve("passwd.txt"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(corpus.resolve("sentinel-folder"), sentinel);
    Files.createSymbolicLink(corpus.resolve("inner-link.txt"), Path.of("good.txt"));
    Files.createSymbolicLink(corpus.resolve("mirror"), Path.of("real"));
    Files.createSymbolicLink(corpus.resolve("loop"), Path.of("loop"));
    Files.createSymbolicLink(corpus.resolve("real/up"), Path.of(".."));
    Files.createSymbolicLink(corpus.resolve("dangling.txt"), Path.of("nowhere.txt"));
  }

  private static void mkfifo(Path path) throws IOException, InterruptedException {
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    if (mkfifo.waitFor() != 0) {
      throw new IOException("mkfifo failed for " + path);
    }
  }

  private static void plantEncodings(Path corpus) throws IOException {
    String text = "Na\u00efve caf\u00e9 owners greet every guest by name.\n";
    Files.write(corpus.resolve("utf16le-bom.txt"), withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, text, "UTF-16LE"));
    Files.write(corpus.resolve("utf16be-bom.txt"), withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, text, "UTF-16BE"));
    Files.write(corpus.resolve("utf32le-bom.txt"), withBom(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, text, "UTF-32LE"));
    Files.write(corpus.resolve("utf16le.txt"), text.getBytes(StandardCharsets.UTF_16LE));
    Files.write(corpus.resolve("utf16be.txt"), text.getBytes(StandardCharsets.UTF_16BE));
    Files.write(corpus.resolve("utf32be.txt"), text.getBytes(Charset.forName("UTF-32BE")));
    Files.write(corpus.resolve("latin1.txt"), "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(corpus.resolve("mojibake.txt"), "It\u00e2\u20ac\u2122s caf\u00c3\u00a9 time at the gardens.\n");
  }

  private static byte[] withBom(byte[] bom, String text, String charset) {
    byte[] body = text.getBytes(Charset.forName(charset));
    byte[] out = Arrays.copyOf(bom, bom.length + body.length);
    System.arraycopy(body, 0, out, bom.length, body.length);
    return out;
  }

  private static void plantTruncatedGzip(Path file) throws IOException {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 1; i <= TRUNCATED_RECORDS; i++) {
      jsonl.append("{\"id\":\"t").append(i).append("\",\"text\":\"record ").append(i)
          .append(" of a file that is cut short: ").append(Integer.toHexString(i * 7919)).append("\"}\n");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(jsonl.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = bytes.toByteArray();
    Files.write(file, Arrays.copyOf(whole, whole.length - 20));
  }

  /** Every entry the walk must skip or reject, by id, and its reason. */
  Map<String, RejectReason> expectedEntryRejects(boolean followSymlinks) {
    Map<String, RejectReason> out = new LinkedHashMap<>();
    out.put("leak.txt", RejectReason.SYMLINK_OUTSIDE_INPUT);
    out.put("passwd.txt", RejectReason.SYMLINK_OUTSIDE_INPUT);
    out.put("sentinel-folder", RejectReason.SYMLINK_OUTSIDE_INPUT);
    out.put("loop", RejectReason.SYMLINK_LOOP);
    out.put("dangling.txt", RejectReason.DANGLING_SYMLINK);
    out.put("pipe.txt", RejectReason.SPECIAL_FILE);
    out.put(".hidden.txt", RejectReason.HIDDEN_FILE);
    out.put(".git", RejectReason.HIDDEN_FILE);
    if (followSymlinks) {
      out.put("real/up", RejectReason.SYMLINK_LOOP);
      out.put("mirror/up", RejectReason.SYMLINK_LOOP);
    } else {
      out.put("inner-link.txt", RejectReason.SYMLINK_NOT_FOLLOWED);
      out.put("mirror", RejectReason.SYMLINK_NOT_FOLLOWED);
      out.put("real/up", RejectReason.SYMLINK_NOT_FOLLOWED);
    }
    if (!lockedIsReadable) {
      out.put("locked.txt", RejectReason.UNREADABLE_FILE);
    }
    return out;
  }
}
