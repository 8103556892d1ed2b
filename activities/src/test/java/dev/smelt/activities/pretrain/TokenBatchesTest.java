package dev.smelt.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenBatchesTest {
  /** One document 0, 1, 2, ..., n-1: a window's first token tells where it was cut. */
  static List<int[]> stream(int n) {
    int[] d = new int[n];
    for (int i = 0; i < n; i++) {
      d[i] = i;
    }
    return List.of(d);
  }

  @Test
  void cutsWindowsWithNextTokenTargetsAndServesEachOncePerEpoch() {
    TokenBatches b = new TokenBatches(stream(41), 4, 2, 9); // 10 windows
    assertEquals(10, b.windows());
    Set<Long> starts = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      TokenBatch t = b.next();
      for (int r = 0; r < 2; r++) {
        long s = t.inputs()[r * 4];
        assertEquals(0, s % 4);
        for (int j = 0; j < 4; j++) {
          assertEquals(s + j, t.inputs()[r * 4 + j]);
          assertEquals(s + j + 1, t.targets()[r * 4 + j]);
        }
        starts.add(s);
      }
    }
    assertEquals(10, starts.size());
    assertEquals(new DataCursor(0, 10), b.cursor());
    b.next();
    assertEquals(new DataCursor(1, 2), b.cursor());
  }

  @Test
  void restoringACursorGivesTheSameBatches() {
    TokenBatches a = new TokenBatches(stream(101), 4, 3, 5);
    for (int i = 0; i < 11; i++) {
      a.next(); // crosses an epoch (25 windows)
    }
    DataCursor saved = a.cursor();
    List<long[]> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add(a.next().inputs());
    }
    TokenBatches b = new TokenBatches(stream(101), 4, 3, 5);
    b.seek(saved);
    for (long[] e : expected) {
      assertArrayEquals(e, b.next().inputs());
    }
  }

  @Test
  void epochsAndSeedsShuffleDifferently() {
    TokenBatches a = new TokenBatches(stream(401), 4, 100, 1);
    long[] epoch0 = a.next().inputs();
    long[] epoch1 = a.next().inputs();
    assertFalseEqual(epoch0, epoch1);
    assertFalseEqual(epoch0, new TokenBatches(stream(401), 4, 100, 2).next().inputs());
  }

  private static void assertFalseEqual(long[] a, long[] b) {
    assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
  }

  @Test
  void rejectsDataShorterThanOneWindow() {
    assertThrows(IllegalArgumentException.class, () -> new TokenBatches(stream(4), 4, 1, 0));
  }
}
