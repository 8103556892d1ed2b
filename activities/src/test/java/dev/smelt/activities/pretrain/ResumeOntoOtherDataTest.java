package dev.smelt.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.checkpoint.CheckpointStore;
import dev.smelt.activities.checkpoint.DataFile;
import dev.smelt.activities.checkpoint.TrainingDataHashes;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.workflows.stage.PermanentFailure;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint remembers the files it was trained on and resumes only onto those. */
class ResumeOntoOtherDataTest {
  private static final String SHARD = "data/shards/part-00000.parquet";

  @TempDir Path tmp;

  /** A run folder with two train shards, one val shard and a tokenizer (contents are opaque). */
  private RunFolder runWithData(String name) throws Exception {
    RunFolder run = new RunFolder(tmp.resolve(name));
    for (String f : List.of(SHARD, "data/shards/part-00001.parquet",
        "data/val/part-00000.parquet", "tokenizer/tokenizer.json")) {
      Path p = run.root().resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "bytes of " + f, StandardCharsets.UTF_8);
    }
    return run;
  }

  /** The tiny job of the training tests, bound to the run's files as the activity binds it. */
  private static PretrainJob boundJob(RunFolder run, int steps, int checkpointEvery)
      throws Exception {
    return TinyRuns.job(TinyRuns.train(steps, checkpointEvery), run.pretrain())
        .withTrainedOn(TrainingDataHashes.of(run.root(), run.trainingData()));
  }

  @Test
  void stateJsonRecordsEveryShardAndTheTokenizerInOrderWithTheirSha256() throws Exception {
    RunFolder run = runWithData("run");
    new Pretrainer(boundJob(run, 2, 2), PretrainListener.NONE).run(Optional.empty());
    Path checkpoint = run.pretrain().resolve("checkpoints/step-00000002");
    JsonNode state =
        new ObjectMapper().readTree(checkpoint.resolve(CheckpointStore.STATE).toFile());
    List<String> paths = new ArrayList<>();
    state.get("trainedOn").forEach(f -> paths.add(f.get("path").asText()));
    assertEquals(List.of(SHARD, "data/shards/part-00001.parquet", "data/val/part-00000.parquet",
        "tokenizer/tokenizer.json"), paths);
    assertEquals(sha256(run.root().resolve(SHARD)),
        state.get("trainedOn").get(0).get("sha256").asText());
  }

  @Test
  void refusesToResumeOntoAChangedShardNamingItAndBothHashes() throws Exception {
    RunFolder run = runWithData("run");
    new Pretrainer(boundJob(run, 4, 2), PretrainListener.NONE).run(Optional.empty());
    Path shard = run.root().resolve(SHARD);
    String before = sha256(shard);
    byte[] bytes = Files.readAllBytes(shard);
    bytes[3] ^= 1;
    Files.write(shard, bytes);
    String after = sha256(shard);

    Pretrainer p = new Pretrainer(boundJob(run, 8, 2), PretrainListener.NONE);
    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> p.run(p.latestCheckpoint()));
    assertEquals(PermanentFailure.TYPE, e.getType(), "a retry would read the same files");
    assertEquals("checkpoint step-00000004 was trained on other data: " + SHARD
        + " differs (sha256 " + before.substring(0, 12) + "… vs " + after.substring(0, 12)
        + "…); start a new run folder or restore the data it was trained on",
        e.getOriginalMessage());
  }

  @Test
  void resumesOntoUnchangedDataBitIdenticallyToAnUninterruptedRun() throws Exception {
    RunFolder straight = runWithData("straight");
    new Pretrainer(boundJob(straight, 8, 3), PretrainListener.NONE).run(Optional.empty());

    RunFolder broken = runWithData("broken");
    PretrainerTest.Recorder dies = new PretrainerTest.Recorder(5);
    Pretrainer dying = new Pretrainer(boundJob(broken, 8, 3), dies);
    assertThrows(IllegalStateException.class, () -> dying.run(Optional.empty()));
    Pretrainer fresh = new Pretrainer(boundJob(broken, 8, 3), PretrainListener.NONE);
    assertEquals(3, fresh.run(fresh.latestCheckpoint()).resumedFromStep());

    assertArrayEquals(Files.readAllBytes(straight.pretrain().resolve("final/model.safetensors")),
        Files.readAllBytes(broken.pretrain().resolve("final/model.safetensors")));
  }

  private static String sha256(Path file) throws Exception {
    return TrainingDataHashes.of(file.getParent(), List.of(file)).get(0).sha256();
  }
}
