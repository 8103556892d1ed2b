package dev.smelt.pipeline.parts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillingSorterTest {
  @TempDir Path tmp;

  @Test
  void mergesSpilledRunsIntoOneOrderByKeyThenValueAndDeletesTheRuns() throws Exception {
    Random random = new Random(3);
    List<SpillingSorter.Entry> added = new ArrayList<>();
    Path scratch = tmp.resolve("scratch");
    List<SpillingSorter.Entry> out = new ArrayList<>();
    try (SpillingSorter sorter = new SpillingSorter(4_000, scratch)) {
      for (int i = 0; i < 1_000; i++) {
        byte[] key = ("doc-" + random.nextInt(300)).getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[] {(byte) random.nextInt(256), (byte) i};
        added.add(new SpillingSorter.Entry(key, value));
        sorter.add(key, value);
      }
      assertTrue(sorter.spilledRuns() > 10, "spilled " + sorter.spilledRuns());
      sorter.sorted().forEachRemaining(out::add);
      assertTrue(Files.isDirectory(scratch));
    }
    added.sort(SpillingSorter.ORDER);
    assertEquals(added.size(), out.size());
    for (int i = 0; i < added.size(); i++) {
      assertArrayEquals(added.get(i).key(), out.get(i).key(), "key " + i);
      assertArrayEquals(added.get(i).value(), out.get(i).value(), "value " + i);
    }
    assertFalse(Files.exists(scratch), "run files and their folder are deleted on close");
  }

  @Test
  void equalKeysComeOutInValueOrderWhateverTheOrderTheyWereAddedIn() throws Exception {
    byte[] key = {1};
    try (SpillingSorter sorter = new SpillingSorter(1 << 20, tmp.resolve("s"))) {
      sorter.add(key, new byte[] {(byte) 0xF0});
      sorter.add(key, new byte[] {0x01});
      sorter.add(new byte[] {0}, new byte[] {0x7F});
      Iterator<SpillingSorter.Entry> it = sorter.sorted();
      assertArrayEquals(new byte[] {0x7F}, it.next().value());
      assertArrayEquals(new byte[] {0x01}, it.next().value());
      assertArrayEquals(new byte[] {(byte) 0xF0}, it.next().value(), "bytes compare unsigned");
      assertFalse(it.hasNext());
      assertEquals(0, sorter.spilledRuns());
    }
  }
}
