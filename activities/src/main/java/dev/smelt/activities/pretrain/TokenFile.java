package dev.smelt.activities.pretrain;

import dev.smelt.pipeline.tokenize.TokenShards;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The token ids of a folder of token shards, written once by a streaming pass (one document in
 * memory at a time) into a flat file of big-endian int32, then read window by window with
 * positional reads: the heap holds no corpus, the OS page cache holds what is hot (nanoGPT's
 * train.bin idea). Row groups of the shards are not read on demand instead: Beam writes them at
 * Parquet's 128 MB default, so one decoded group is as large as a shard, and shuffled windows
 * would decode a whole group per window.
 */
public final class TokenFile implements TokenSource, Closeable {
  private final FileChannel channel;
  private final long length;
  private final ByteBuffer buffer;

  private TokenFile(FileChannel channel, long length) {
    this.channel = channel;
    this.length = length;
    this.buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
  }

  /**
   * Writes the ids of {@code shardsDir}'s documents (shard files in name order, rows in file
   * order: the order of {@code TokenShards.read}) to {@code file}, replacing it, and opens it.
   */
  public static TokenFile build(Path shardsDir, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.createDirectories(file.toAbsolutePath().getParent());
    long[] tokens = {0};
    try (DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      TokenShards.visit(shardsDir, doc -> {
        try {
          for (int id : doc.ids()) {
            out.writeInt(id);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        tokens[0] += doc.ids().length;
        return true;
      });
    } catch (UncheckedIOException e) {
      throw new IOException("cannot write the token file " + tmp, e.getCause());
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new TokenFile(FileChannel.open(file, StandardOpenOption.READ), tokens[0]);
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public synchronized void read(long from, int[] out, int count) {
    if (from < 0 || count < 0 || from + count > length) {
      throw new IndexOutOfBoundsException("tokens [" + from + ", " + (from + count)
          + ") outside the " + length + " of the token file");
    }
    try {
      int done = 0;
      while (done < count) {
        int n = Math.min(count - done, buffer.capacity() / Integer.BYTES);
        buffer.clear().limit(n * Integer.BYTES);
        long at = (from + done) * Integer.BYTES;
        while (buffer.hasRemaining()) {
          if (channel.read(buffer, at + buffer.position()) < 0) {
            throw new IOException("token file ends before token " + (from + count));
          }
        }
        buffer.flip();
        buffer.asIntBuffer().get(out, done, n);
        done += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token file", e);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
