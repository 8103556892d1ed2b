package dev.smelt.pipeline.parts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes one shard's rows, sorted by key, to {@code part-SSSSS-of-NNNNN.parquet}: first to a
 * hidden temp file in the same folder, forced to disk, then renamed over the final name in one
 * atomic step, so a retried bundle never leaves a half file and the last attempt wins whole.
 */
final class WriteShardFile extends DoFn<KV<Integer, Iterable<KV<String, byte[]>>>, String> {
  static final String TEMP_SUFFIX = ".tmp";

  private final String schemaJson;
  private final Map<String, String> parquetConf;
  private final String dir;
  private final int shards;
  private transient AvroCoder<GenericRecord> coder;

  WriteShardFile(Schema schema, Map<String, String> parquetConf, String dir, int shards) {
    this.schemaJson = schema.toString();
    this.parquetConf = Map.copyOf(parquetConf);
    this.dir = dir;
    this.shards = shards;
  }

  /** {@code part-00002-of-00004.parquet}, the name FileIO gives the same shard. */
  static String name(int shard, int shards) {
    return String.format("%s%05d-of-%05d%s", PartFiles.PREFIX, shard, shards, PartFiles.SUFFIX);
  }

  @Setup
  public void setup() {
    coder = AvroCoder.of(GenericRecord.class, new Schema.Parser().parse(schemaJson));
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<KV<String, byte[]>>> shard, OutputReceiver<String> out)
      throws IOException {
    Path folder = Path.of(dir);
    Path target = folder.resolve(name(shard.getKey(), shards));
    Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"), "smelt-sort-" + UUID.randomUUID());
    try (SpillingSorter sorter = new SpillingSorter(ShardedParquetWrite.sortMemoryBytes(), scratch)) {
      for (KV<String, byte[]> row : shard.getValue()) {
        if (row.getValue().length > 0) { // the empty marker that makes every shard a file
          sorter.add(row.getKey().getBytes(StandardCharsets.UTF_8), row.getValue());
        }
      }
      writeParquet(temp, sorter.sorted());
    }
    StableFooter.sort(temp); // the same rows give the same bytes in any JVM, not only this one
    try (FileChannel written = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      written.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    out.output(target.toString());
  }

  private void writeParquet(Path temp, Iterator<SpillingSorter.Entry> rows) throws IOException {
    try (ParquetWriter<GenericRecord> writer =
        ShardParquetFile.create(temp, coder.getSchema(), parquetConf)) {
      while (rows.hasNext()) {
        writer.write(CoderUtils.decodeFromByteArray(coder, rows.next().value()));
      }
    } // closing writes the footer and closes the file
  }
}
