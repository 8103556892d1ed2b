package dev.smelt.activities.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.run.RunFolder;
import dev.smelt.settings.ModelConfig;
import dev.smelt.settings.PretrainConfig;
import dev.smelt.workflows.stage.PermanentFailure;
import dev.smelt.workflows.stage.PretrainResult;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pretrain.initFrom: a warm start begins from the earlier model's weights, refuses another
 * tokenizer or shape in one line, and resumes bit-identically without mixing starts.
 */
class WarmStartTest {
  @TempDir Path runs;
  private RunFolder old;
  private RunFolder next;
  private InitModel init;

  /** Run "old" pre-trained 60 steps; run "next" beside it, with the same tokenizer. */
  @BeforeEach
  void trainOldRun() throws Exception {
    old = new RunFolder(Files.createDirectories(runs.resolve("old")));
    next = new RunFolder(Files.createDirectories(runs.resolve("next")));
    for (RunFolder r : List.of(old, next)) {
      Files.createDirectories(r.tokenizerJson().getParent());
      Files.writeString(r.tokenizerJson(), "{\"model\":\"same\"}");
    }
    new Pretrainer(TinyRuns.job(TinyRuns.train(60, 0), old.pretrain()), PretrainListener.NONE)
        .run(Optional.empty());
    init = WarmStart.resolve(next, TinyRuns.initFrom(TinyRuns.train(8, 0), "old")).orElseThrow();
  }

  @Test
  void warmRunStartsFromTheEarlierWeightsSoItsFirstLossIsFarBelowAColdRunsFirst() throws Exception {
    PretrainResult cold = new Pretrainer(TinyRuns.job(TinyRuns.train(8, 0), runs.resolve("cold")),
        PretrainListener.NONE).run(Optional.empty());
    PretrainResult warm = new Pretrainer(TinyRuns.job(TinyRuns.train(8, 0), next.pretrain())
        .withInit(init), PretrainListener.NONE).run(Optional.empty());
    assertTrue(cold.firstLoss() > 2.8, "a cold start is near ln(24)=3.18: " + cold.firstLoss());
    assertTrue(warm.firstLoss() < cold.firstLoss() - 1.0,
        "warm " + warm.firstLoss() + " vs cold " + cold.firstLoss());
    assertEquals(8, warm.steps(), "pretrain.steps more, counted from 0: a fresh optimizer");
    assertTrue(Files.readString(next.pretrain().resolve("final/config.json"))
        .contains("\"init_from\" : \"old sha256:" + init.sha256() + "\""));
  }

  @Test
  void aWarmRunResumesBitIdenticallyAndACheckpointOfAnotherStartIsRefused() throws Exception {
    Path straight = runs.resolve("straight");
    PretrainerTest.Recorder a = new PretrainerTest.Recorder(-1);
    new Pretrainer(TinyRuns.job(TinyRuns.train(8, 3), straight).withInit(init), a)
        .run(Optional.empty());
    Path broken = runs.resolve("broken");
    PretrainerTest.Recorder first = new PretrainerTest.Recorder(5);
    Pretrainer dying = new Pretrainer(TinyRuns.job(TinyRuns.train(8, 3), broken).withInit(init), first);
    assertThrows(IllegalStateException.class, () -> dying.run(Optional.empty()));

    Pretrainer cold = new Pretrainer(TinyRuns.job(TinyRuns.train(8, 3), broken), PretrainListener.NONE);
    ApplicationFailure mixed = assertThrows(ApplicationFailure.class,
        () -> cold.run(cold.latestCheckpoint()));
    assertEquals(PermanentFailure.TYPE, mixed.getType());
    assertTrue(mixed.getOriginalMessage().contains("continues a warm start from old sha256:"),
        mixed.getOriginalMessage());

    PretrainerTest.Recorder second = new PretrainerTest.Recorder(-1);
    Pretrainer resumed = new Pretrainer(TinyRuns.job(TinyRuns.train(8, 3), broken).withInit(init), second);
    resumed.run(resumed.latestCheckpoint());
    List<Double> stitched = new ArrayList<>(first.losses.subList(0, 3));
    stitched.addAll(second.losses);
    assertEquals(a.losses, stitched);
    assertArrayEquals(Files.readAllBytes(straight.resolve("final/model.safetensors")),
        Files.readAllBytes(broken.resolve("final/model.safetensors")));
  }

  @Test
  void anotherTokenizerOrModelShapeIsRefusedInOneLineNamingIt() throws Exception {
    WarmStart.check(init, next, TinyRuns.MODEL, TinyRuns.VOCAB, false); // same: accepted
    ApplicationFailure wider = assertThrows(ApplicationFailure.class, () -> WarmStart.check(init,
        next, new ModelConfig("custom", 2, 2, 64, 16, 0.1), TinyRuns.VOCAB, false));
    assertTrue(wider.getOriginalMessage().startsWith("key 'pretrain.initFrom': run old's model has "
        + "layers 2, heads 2, dModel 32, contextLength 16, vocabulary 24, causal, this run's layers"
        + " 2, heads 2, dModel 64"), wider.getOriginalMessage());
    Files.writeString(next.tokenizerJson(), "{\"model\":\"other\"}");
    ApplicationFailure tokenizer = assertThrows(ApplicationFailure.class,
        () -> WarmStart.check(init, next, TinyRuns.MODEL, TinyRuns.VOCAB, false));
    assertEquals(PermanentFailure.TYPE, tokenizer.getType());
    String m = tokenizer.getOriginalMessage();
    assertTrue(m.startsWith("key 'pretrain.initFrom': run old was trained with another tokenizer"), m);
    assertEquals(1, m.lines().count(), m);
  }

  @Test
  void lastIsTheNewestOtherFinishedPretrainingAndItsPinHoldsAcrossAttempts() throws Exception {
    PretrainConfig last = TinyRuns.initFrom(TinyRuns.train(8, 0), "last");
    assertEquals("old", WarmStart.resolve(next, last).orElseThrow().runId());
    RunFolder newer = new RunFolder(runs.resolve("newer"));
    new Pretrainer(TinyRuns.job(TinyRuns.train(2, 0), newer.pretrain()), PretrainListener.NONE)
        .run(Optional.empty());
    Files.setLastModifiedTime(old.pretrain().resolve("final/config.json"),
        FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    InitModel now = WarmStart.resolve(next, last).orElseThrow();
    assertEquals("newer", now.runId());
    WarmStart.pin(next, now);
    Files.setLastModifiedTime(old.pretrain().resolve("final/config.json"),
        FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    assertEquals("newer", WarmStart.resolve(next, last).orElseThrow().runId(), "pinned");
    assertEquals(Optional.empty(), WarmStart.resolve(next, TinyRuns.train(8, 0)), "initFrom none");
    ApplicationFailure missing = assertThrows(ApplicationFailure.class,
        () -> WarmStart.resolve(next, TinyRuns.initFrom(TinyRuns.train(8, 0), "gone")));
    assertTrue(missing.getOriginalMessage().startsWith(
        "key 'pretrain.initFrom': run gone has no finished pre-training"), missing.getOriginalMessage());
  }
}
