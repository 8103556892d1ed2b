package dev.smelt.pipeline.read;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A gzip stream that ends, instead of throwing, where its compressed data is cut short or
 * corrupt, and remembers why: the records before the break reach the reader whole, and the
 * caller turns the break into a reject. Other I/O errors (the disk) still throw.
 */
final class TolerantGzip extends InputStream {
  private final GZIPInputStream gzip;
  private IOException failure;

  TolerantGzip(InputStream raw, int buffer) throws IOException {
    this.gzip = new GZIPInputStream(raw, buffer);
  }

  /** Why the stream ended early, if it did: an {@link EOFException} for a cut, else corruption. */
  Optional<IOException> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public int read() throws IOException {
    if (failure != null) {
      return -1;
    }
    try {
      return gzip.read();
    } catch (EOFException | ZipException e) {
      failure = e;
      return -1;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (failure != null) {
      return -1;
    }
    try {
      return gzip.read(b, off, len);
    } catch (EOFException | ZipException e) {
      failure = e;
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    gzip.close();
  }
}
