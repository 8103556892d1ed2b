package dev.smelt.activities.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smelt.activities.checkpoint.SafeTensors.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
  @TempDir Path tmp;

  @Test
  void roundTripsFloatAndLongTensorsInOrder() throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("wte.weight", Tensor.f32(new float[] {1.5f, -2f, 0f, Float.MIN_VALUE, 3f, 4f}, 2, 3));
    t.put("step", Tensor.i64(new long[] {1L << 40}));
    t.put("a.bias", Tensor.f32(new float[] {7f}, 1));
    Path f = tmp.resolve("x.safetensors");
    SafeTensors.write(f, t, Map.of("format", "pt"));

    Map<String, Tensor> back = SafeTensors.read(f);
    assertEquals(List.of("wte.weight", "step", "a.bias"), List.copyOf(back.keySet()));
    assertArrayEquals(t.get("wte.weight").floats(), back.get("wte.weight").floats());
    assertArrayEquals(new long[] {2, 3}, back.get("wte.weight").shape());
    assertArrayEquals(new long[] {1L << 40}, back.get("step").longs());
    assertArrayEquals(new long[] {}, back.get("step").shape());
    assertEquals(Map.of("format", "pt"), SafeTensors.metadata(f));
  }

  @Test
  void writesTheDocumentedLayout() throws IOException {
    Path f = tmp.resolve("y.safetensors");
    SafeTensors.write(f, Map.of("x", Tensor.f32(new float[] {1f}, 1)), Map.of());
    byte[] bytes = Files.readAllBytes(f);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, n % 8, "header padded to 8 bytes");
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8).trim();
    assertEquals("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", header);
    assertEquals(1f, ByteBuffer.wrap(bytes, 8 + (int) n, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat());
    assertEquals(8 + n + 4, bytes.length);
  }

  @Test
  void rejectsATruncatedFile() throws IOException {
    Path f = tmp.resolve("z.safetensors");
    SafeTensors.write(f, Map.of("x", Tensor.f32(new float[] {1f, 2f}, 2)), Map.of());
    byte[] bytes = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertThrows(IOException.class, () -> SafeTensors.read(f));
  }
}
