package dev.smelt.activities.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainingDataHashesTest {
  private static final DataFile A = new DataFile("data/shards/a.parquet", "aaaa");
  private static final DataFile B = new DataFile("data/shards/b.parquet", "bbbb");

  @Test
  void sameFilesAndHashesDifferInNothing() {
    assertEquals(Optional.empty(), TrainingDataHashes.difference(List.of(A, B), List.of(A, B)));
  }

  @Test
  void namesAShardThatIsGoneAndOneThatIsNew() {
    assertEquals(Optional.of("data/shards/b.parquet is gone"),
        TrainingDataHashes.difference(List.of(A, B), List.of(A)));
    assertEquals(Optional.of("data/shards/b.parquet is new"),
        TrainingDataHashes.difference(List.of(A), List.of(A, B)));
  }

  @Test
  void aCheckpointThatRecordedNoFilesIsNotChecked() {
    assertEquals(Optional.empty(), TrainingDataHashes.difference(null, List.of(A)));
    assertEquals(Optional.empty(), TrainingDataHashes.difference(List.of(), List.of(A)));
  }
}
