package dev.smelt.activities.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.checkpoint.SafeTensors.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  @TempDir Path tmp;

  Path save(CheckpointStore store, int step) throws IOException {
    return store.save(Map.of("w", Tensor.f32(new float[] {step, 2f}, 2)),
        Map.of("step", Tensor.i64(new long[] {step})),
        new TrainingState(step, 0, step * 4L, 42, "s", "hash", 3.2, 1.0, step * 100L,
            Double.POSITIVE_INFINITY, 0, 1.5, null,
            List.of(new DataFile("data/shards/part-00000.parquet", "ab12"))));
  }

  @Test
  void writesVerifiableFoldersAndKeepsTheNewest() throws IOException {
    CheckpointStore store = new CheckpointStore(tmp, 2);
    for (int step = 10; step <= 40; step += 10) {
      save(store, step);
    }
    assertEquals(List.of("step-00000030", "step-00000040"),
        store.list().stream().map(p -> p.getFileName().toString()).toList());
    Path latest = store.latestGood().orElseThrow();
    assertEquals(40, CheckpointStore.stepOf(latest));
    String sums = Files.readString(latest.resolve("SHA256SUMS"));
    assertTrue(sums.matches("(?s)[0-9a-f]{64}  model\\.safetensors\n[0-9a-f]{64}  optimizer.*"), sums);
    CheckpointStore.Loaded loaded = store.load(latest);
    assertEquals(160, loaded.state().cursorPosition());
    assertArrayEquals(new float[] {40f, 2f}, loaded.model().get("w").floats());
    try (var files = Files.list(tmp)) {
      assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")));
    }
  }

  @Test
  void fallsBackPastATruncatedNewestCheckpoint() throws IOException {
    CheckpointStore store = new CheckpointStore(tmp, 3);
    save(store, 1);
    Path newest = save(store, 2);
    Path weights = newest.resolve("model.safetensors");
    Files.write(weights, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);

    assertEquals(1, CheckpointStore.stepOf(store.latestGood().orElseThrow()));
    assertThrows(IOException.class, () -> store.load(newest));
  }

  @Test
  void fallsBackPastAFlippedByteAndAMissingSumsFile() throws IOException {
    CheckpointStore store = new CheckpointStore(tmp, 3);
    save(store, 1);
    Path second = save(store, 2);
    Path third = save(store, 3);
    byte[] b = Files.readAllBytes(third.resolve("optimizer.safetensors"));
    b[b.length - 1] ^= 1;
    Files.write(third.resolve("optimizer.safetensors"), b);
    Files.delete(second.resolve("SHA256SUMS"));

    assertTrue(CheckpointStore.problem(third).orElseThrow().contains("optimizer"));
    assertEquals(1, CheckpointStore.stepOf(store.latestGood().orElseThrow()));
  }

  @Test
  void ignoresAnUnfinishedTmpFolderAndFindsNothingInAnEmptyStore() throws IOException {
    CheckpointStore store = new CheckpointStore(tmp, 3);
    assertTrue(store.latestGood().isEmpty());
    Files.createDirectories(tmp.resolve("step-00000009.tmp"));
    assertTrue(store.latestGood().isEmpty());
    save(store, 9);
    assertEquals(9, CheckpointStore.stepOf(store.latestGood().orElseThrow()));
  }
}
