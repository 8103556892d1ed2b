package dev.smelt.pipeline.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

class DecideSameKeyTest {
  @Test
  void handsEachKeysElementsOverAsOneGroupInValueOrderEvenWhenTheSortSpills() throws Exception {
    Random random = new Random(7);
    List<KV<String, byte[]>> bucket = new ArrayList<>();
    Map<String, List<String>> expected = new TreeMap<>();
    for (int i = 0; i < 2_000; i++) {
      String key = "doc-" + random.nextInt(150);
      String value = key + "/text " + random.nextInt(1_000_000); // the value names its key
      bucket.add(KV.of(key, CoderUtils.encodeToByteArray(StringUtf8Coder.of(), value)));
      expected.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    List<List<String>> groups = new ArrayList<>();
    // 4 KB of sort memory spills many runs, so the merge is what groups the keys
    DecideSameKey.forEachEncodedKeyGroup(bucket, StringUtf8Coder.of(), 4_000, groups::add);

    assertEquals(expected.size(), groups.size(), "one group per distinct key");
    Set<String> keysSeen = new HashSet<>();
    for (List<String> group : groups) {
      String key = group.get(0).substring(0, group.get(0).indexOf('/'));
      assertTrue(keysSeen.add(key), "key " + key + " came in two groups");
      List<String> want = expected.get(key);
      assertEquals(want.size(), group.size(), "group size of " + key);
      assertTrue(group.containsAll(want), "group of " + key);
      for (int i = 1; i < group.size(); i++) {
        assertTrue(group.get(i - 1).compareTo(group.get(i)) <= 0, "values of " + key + " in order");
      }
    }
  }

  @Test
  void bucketsAreInRangeAndTheSameForTheSameKey() {
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      int bucket = DecideSameKey.bucketOf("doc-" + i);
      assertTrue(bucket >= 0 && bucket < DecideSameKey.BUCKETS, "bucket " + bucket);
      assertEquals(bucket, DecideSameKey.bucketOf("doc-" + i));
      used.add(bucket);
    }
    assertEquals(DecideSameKey.BUCKETS, used.size(), "10 000 ids spread over every bucket");
    assertEquals(Math.floorMod("doc-1".hashCode(), DecideSameKey.BUCKETS), DecideSameKey.bucketOf("doc-1"));
  }
}
