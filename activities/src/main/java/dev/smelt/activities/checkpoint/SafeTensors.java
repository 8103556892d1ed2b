package dev.smelt.activities.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format: 8-byte little-endian header length, a JSON header
 * {@code {name: {dtype, shape, data_offsets}, "__metadata__": {...}}}, then raw little-endian data.
 * Tensors keep the order they were given in, so equal inputs give byte-identical files.
 */
public final class SafeTensors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SafeTensors() {}

  /** One tensor: dtype "F32" or "I64", its shape, and its little-endian bytes. */
  public record Tensor(String dtype, long[] shape, byte[] data) {
    public Tensor {
      long expected = Arrays.stream(shape).reduce(1, (a, b) -> a * b) * bytesPer(dtype);
      if (expected != data.length) {
        throw new IllegalArgumentException(
            dtype + Arrays.toString(shape) + " needs " + expected + " bytes, got " + data.length);
      }
    }

    public static Tensor f32(float[] values, long... shape) {
      ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(values);
      return new Tensor("F32", shape, b.array());
    }

    public static Tensor i64(long[] values, long... shape) {
      ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
      b.asLongBuffer().put(values);
      return new Tensor("I64", shape, b.array());
    }

    public float[] floats() {
      requireDtype("F32");
      float[] out = new float[data.length / 4];
      ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    }

    public long[] longs() {
      requireDtype("I64");
      long[] out = new long[data.length / 8];
      ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
      return out;
    }

    private void requireDtype(String wanted) {
      if (!dtype.equals(wanted)) {
        throw new IllegalStateException("tensor is " + dtype + ", not " + wanted);
      }
    }
  }

  static int bytesPer(String dtype) {
    return switch (dtype) {
      case "F32", "I32" -> 4;
      case "F64", "I64" -> 8;
      case "F16", "BF16", "I16" -> 2;
      case "U8", "I8", "BOOL" -> 1;
      default -> throw new IllegalArgumentException("unsupported safetensors dtype " + dtype);
    };
  }

  /** Writes the tensors (in map order) and string metadata, then forces them to disk. */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      ObjectNode t = header.putObject(e.getKey());
      t.put("dtype", e.getValue().dtype());
      Arrays.stream(e.getValue().shape()).forEach(t.putArray("shape")::add);
      t.putArray("data_offsets").add(offset).add(offset + e.getValue().data().length);
      offset += e.getValue().data().length;
    }
    byte[] json = JSON.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to 8 bytes
    byte[] headerBytes = Arrays.copyOf(json, padded);
    Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
      out.write(headerBytes);
      for (Tensor t : tensors.values()) {
        out.write(t.data());
      }
      out.flush();
      ch.force(true);
    }
  }

  /** Reads every tensor, in file order. */
  public static Map<String, Tensor> read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < 8) {
      throw new IOException(file + " is not a safetensors file: " + all.length + " bytes");
    }
    long headerLength = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength < 2 || 8 + headerLength > all.length) {
      throw new IOException(file + " has a corrupt safetensors header length " + headerLength);
    }
    JsonNode header = JSON.readTree(new String(all, 8, (int) headerLength, StandardCharsets.UTF_8));
    int base = 8 + (int) headerLength;
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      JsonNode t = e.getValue();
      long[] shape = new long[t.get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = t.get("shape").get(i).asLong();
      }
      long begin = t.get("data_offsets").get(0).asLong();
      long end = t.get("data_offsets").get(1).asLong();
      if (begin < 0 || end < begin || base + end > all.length) {
        throw new IOException(file + ": tensor " + e.getKey() + " lies outside the file");
      }
      byte[] data = Arrays.copyOfRange(all, base + (int) begin, base + (int) end);
      out.put(e.getKey(), new Tensor(t.get("dtype").asText(), shape, data));
    }
    return out;
  }

  /** The {@code __metadata__} strings of a file. */
  public static Map<String, String> metadata(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(len, 0);
      ByteBuffer json = ByteBuffer.allocate((int) len.flip().getLong());
      ch.read(json, 8);
      JsonNode meta = JSON.readTree(json.array()).get("__metadata__");
      if (meta != null) {
        meta.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
      }
    }
    return out;
  }
}
