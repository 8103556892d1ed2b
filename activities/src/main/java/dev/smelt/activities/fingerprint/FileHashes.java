package dev.smelt.activities.fingerprint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Content sha256 of files, remembered by (path, size, mtime, ctime, inode) in one JSON file so a
 * re-run does not rehash an unchanged 10 GB corpus. A changed byte with the same size and mtime
 * is still caught: writing a file, or setting its mtime back ({@code touch -d}), moves its ctime,
 * which no user can set. Like git's "racily clean" rule, an entry recorded less than
 * {@link #RACY_MILLIS} after the file's ctime is not trusted (the file may have changed again
 * within one timestamp tick) and the file is hashed again. Without Unix attributes nothing is
 * trusted: every file is hashed every time.
 */
public final class FileHashes {
  /** Coarsest timestamp granularity of a common file system (FAT: 2 s). */
  static final long RACY_MILLIS = 2_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 1 << 20;

  /** What the cache remembers of one file. */
  record Entry(long size, long mtimeNanos, long ctimeNanos, long inode, String sha256,
      long hashedAtMillis) {}

  /** The attributes a cache entry must match; {@code ctimeNanos} −1 where there are none. */
  private record Stat(long size, long mtimeNanos, long ctimeNanos, long inode) {}

  private final Path store;
  private final Map<String, Entry> entries;
  private final long racyMillis;
  private long hashedBytes;

  private FileHashes(Path store, Map<String, Entry> entries, long racyMillis) {
    this.store = store;
    this.entries = entries;
    this.racyMillis = racyMillis;
  }

  /** The cache kept in {@code store} (empty when it does not exist or cannot be read). */
  public static FileHashes open(Path store) {
    return open(store, RACY_MILLIS);
  }

  /** As {@link #open(Path)}, trusting entries recorded {@code racyMillis} after the ctime. */
  static FileHashes open(Path store, long racyMillis) {
    Map<String, Entry> entries = new TreeMap<>();
    if (Files.isRegularFile(store)) {
      try {
        entries.putAll(JSON.readValue(store.toFile(), new TypeReference<Map<String, Entry>>() {}));
      } catch (IOException unreadable) {
        // a damaged cache only costs hashing again
      }
    }
    return new FileHashes(store, entries, racyMillis);
  }

  /** The sha256 of {@code file}, from the cache when trusted; {@code read} gets bytes hashed. */
  public String sha256(Path file, LongConsumer read) throws IOException {
    String key = file.toAbsolutePath().normalize().toString();
    Stat stat = stat(file);
    Entry known = entries.get(key);
    if (known != null && trusted(known, stat)) {
      return known.sha256();
    }
    long started = System.currentTimeMillis();
    String sha = hash(file, read);
    Stat after = stat(file);
    if (after.equals(stat)) { // a file that changed while it was read is not remembered
      entries.put(key, new Entry(stat.size(), stat.mtimeNanos(), stat.ctimeNanos(), stat.inode(),
          sha, started));
    }
    return sha;
  }

  /** Bytes read to hash files (not served from the cache) since this cache was opened. */
  public long hashedBytes() {
    return hashedBytes;
  }

  /** Writes the cache back (atomically: a crash leaves the old one). */
  public void save() throws IOException {
    Files.createDirectories(store.toAbsolutePath().getParent());
    Path tmp = store.resolveSibling(store.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), entries);
    Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private boolean trusted(Entry e, Stat s) {
    return s.ctimeNanos() >= 0 && e.size() == s.size() && e.mtimeNanos() == s.mtimeNanos()
        && e.ctimeNanos() == s.ctimeNanos() && e.inode() == s.inode()
        && e.hashedAtMillis() - s.ctimeNanos() / 1_000_000 >= racyMillis;
  }

  private static Stat stat(Path file) throws IOException {
    try {
      Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino");
      return new Stat((Long) a.get("size"), nanos((FileTime) a.get("lastModifiedTime")),
          nanos((FileTime) a.get("ctime")), (Long) a.get("ino"));
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      return new Stat(Files.size(file), nanos(Files.getLastModifiedTime(file)), -1, -1);
    }
  }

  private static long nanos(FileTime t) {
    return t.to(TimeUnit.NANOSECONDS);
  }

  private String hash(Path file, LongConsumer read) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[CHUNK];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
        hashedBytes += n;
        read.accept(n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
