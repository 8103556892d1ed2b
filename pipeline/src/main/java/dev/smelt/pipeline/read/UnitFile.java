package dev.smelt.pipeline.read;

import dev.smelt.pipeline.filter.DecisionCoders;
import dev.smelt.pipeline.filter.DocDecision;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * One work unit's read decisions on disk, in the order the reader made them: gzip of
 * length-prefixed {@link DocDecision}s in the read's own Beam coder. The same decisions give the
 * same bytes (Java's gzip header carries no time), so a redone unit's file and hash equal the
 * lost one's. Written to a temp name and renamed, so a kill leaves no half file under the name.
 */
public final class UnitFile {
  /**
   * What the bytes are: part of the hash a manifest's units are valid under, so units written in
   * another format (SerializableCoder before DecisionCoders) are read again, not decoded wrongly.
   */
  public static final String FORMAT = "DecisionCoders.docDecision v1";
  private static final Coder<DocDecision> CODER = DecisionCoders.docDecision();

  private UnitFile() {}

  /** Writes decisions as they come, and on {@link #close()} renames the file into place. */
  public static final class Writer implements AutoCloseable {
    private final Path file;
    private final Path temp;
    private final MessageDigest digest = newDigest();
    private final DataOutputStream out;
    private long count;
    private String hash;

    /** Starts {@code file} (its folder is made); nothing is under its name until close. */
    public Writer(Path file) throws IOException {
      this.file = file;
      Files.createDirectories(file.getParent());
      this.temp = file.resolveSibling(file.getFileName() + ".tmp");
      OutputStream raw = new DigestOutputStream(Files.newOutputStream(temp), digest);
      this.out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16)));
    }

    public void add(DocDecision decision) {
      try {
        byte[] bytes = CoderUtils.encodeToByteArray(CODER, decision);
        out.writeInt(bytes.length);
        out.write(bytes);
        count++;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot write " + temp + ": " + e.getMessage(), e);
      }
    }

    /** Decisions written. */
    public long count() {
      return count;
    }

    /** The file's SHA-256 (hex), once closed. */
    public String sha256() {
      return hash;
    }

    @Override
    public void close() throws IOException {
      out.close();
      hash = HexFormat.of().formatHex(digest.digest());
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Hands every decision of {@code file} to {@code out}, in order. */
  public static void read(Path file, Consumer<DocDecision> out) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        new GZIPInputStream(Files.newInputStream(file), 1 << 16)))) {
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException end) {
          return;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        out.accept(CoderUtils.decodeFromByteArray(CODER, bytes));
      }
    }
  }

  /** The SHA-256 (hex) of a file's bytes. */
  public static String sha256Of(Path file) throws IOException {
    MessageDigest digest = newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this JVM", e);
    }
  }
}
