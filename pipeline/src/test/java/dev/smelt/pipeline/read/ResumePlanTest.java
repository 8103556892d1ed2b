package dev.smelt.pipeline.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.DocDecision;
import dev.smelt.pipeline.read.UnitManifest.UnitRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data manifest: units recorded are reused only while their outputs, inputs, code and config hold. */
class ResumePlanTest {
  @TempDir Path tmp;
  Path corpus;
  Path data;
  List<String> log = new ArrayList<>();

  @BeforeEach
  void corpus() throws IOException {
    corpus = Files.createDirectories(tmp.resolve("corpus"));
    data = tmp.resolve("data");
    StringBuilder book = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      book.append("Paragraph ").append(i).append(" of the book, long enough to count.\n\n");
    }
    Files.writeString(corpus.resolve("book.txt"), book);
    Files.writeString(corpus.resolve("notes.jsonl"), "{\"text\":\"a note\"}\n");
  }

  /** 64-byte pieces: the book is several ranges, the notes one whole unit. */
  private List<WorkUnit> units() {
    return read().workUnits();
  }

  private ReadCorpus read() {
    return ReadCorpus.from(List.of(corpus), ReaderOptions.defaults().withTextSplitBytes(64));
  }

  private ResumePlan plan(String code, String config) {
    return ResumePlan.of(data, units(), read().files(), code, config, log::add);
  }

  /** Does a unit as the read does: its file, then its record. */
  private void finish(WorkUnit unit) throws IOException {
    String output = UnitManifest.outputOf(unit.key());
    UnitFile.Writer w = new UnitFile.Writer(data.resolve(output));
    w.add(DocDecision.keep(new Doc(unit.key(), "test", unit.describe())));
    w.close();
    UnitManifest.record(data, new UnitRecord(unit.key(), unit.describe(), output, w.sha256(), w.count()));
  }

  private void finishAll(ResumePlan plan) throws IOException {
    for (WorkUnit u : plan.todo()) {
      finish(u);
    }
  }

  @Test
  void unitsRecordedWithIntactOutputsAreReusedAndTheRestRead() throws IOException {
    ResumePlan first = plan("c1", "k1");
    assertTrue(first.done().isEmpty());
    assertTrue(first.todo().size() > 2, "book ranges and the notes: " + first.todo().size());
    finish(first.todo().get(0));
    finish(first.todo().get(2));

    ResumePlan second = plan("c1", "k1");

    assertEquals(List.of(first.todo().get(0), first.todo().get(2)), second.done());
    assertEquals(first.todo().size() - 2, second.todo().size());
    assertFalse(second.todo().contains(first.todo().get(0)));
    assertTrue(log.get(log.size() - 1).contains("2 of " + first.todo().size() + " read units"), log.toString());
  }

  @Test
  void aCorruptOrMissingUnitOutputIsReadAgainWithItsReason() throws IOException {
    ResumePlan first = plan("c1", "k1");
    finishAll(first);
    WorkUnit corrupt = first.todo().get(1);
    WorkUnit missing = first.todo().get(3);
    Path file = data.resolve(UnitManifest.outputOf(corrupt.key()));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    Files.delete(data.resolve(UnitManifest.outputOf(missing.key())));

    ResumePlan second = plan("c1", "k1");

    assertEquals(List.of(corrupt, missing), second.todo());
    assertEquals(first.todo().size() - 2, second.done().size());
    assertTrue(log.stream().anyMatch(l -> l.contains(corrupt.key()) && l.contains("does not match its recorded sha256")), log.toString());
    assertTrue(log.stream().anyMatch(l -> l.contains(missing.key()) && l.contains("is missing")), log.toString());
    assertEquals(second.done().size(), UnitManifest.read(data).orElseThrow().units().size(),
        "the manifest keeps only the units still done");
  }

  @Test
  void aChangedInputRedoesOnlyItsUnitsAndATouchedOneNone() throws IOException {
    ResumePlan first = plan("c1", "k1");
    finishAll(first);
    Path notes = corpus.resolve("notes.jsonl");
    Files.setLastModifiedTime(corpus.resolve("book.txt"), FileTime.fromMillis(1_000_000));
    Files.writeString(notes, "{\"text\":\"another note\"}\n");

    ResumePlan second = plan("c1", "k1");

    assertEquals(1, second.todo().size());
    assertEquals(List.of("notes.jsonl"), List.copyOf(second.todo().get(0).files()));
    assertTrue(log.stream().anyMatch(l -> l.contains("input notes.jsonl changed")), log.toString());
    assertTrue(log.stream().noneMatch(l -> l.contains("book.txt")), "same bytes, new time: " + log);
    InputFingerprint book = UnitManifest.read(data).orElseThrow().inputs().stream()
        .filter(f -> f.path().equals("book.txt")).findFirst().orElseThrow();
    assertEquals(1_000_000, book.mtimeMillis(), "the new time is recorded");
  }

  @Test
  void anotherCodeVersionOrConfigRedoesEveryUnitAndDropsTheirFiles() throws IOException {
    ResumePlan first = plan("c1", "k1");
    finishAll(first);

    ResumePlan newConfig = plan("c1", "k2");
    assertTrue(newConfig.done().isEmpty());
    assertTrue(log.stream().anyMatch(l -> l.contains("data config changed")), log.toString());
    try (var files = Files.list(data.resolve(UnitManifest.UNITS_FOLDER))) {
      assertEquals(0, files.count(), "no unit file of the old config is left to mix in");
    }
    finishAll(newConfig);

    ResumePlan newCode = plan("c2", "k2");
    assertTrue(newCode.done().isEmpty());
    assertTrue(log.stream().anyMatch(l -> l.contains("code changed")), log.toString());
  }

  @Test
  void theSameCorpusAndSettingsGiveTheSameUnitKeys() {
    assertEquals(units(), units());
    List<WorkUnit> coarser = ReadCorpus.from(List.of(corpus), ReaderOptions.defaults()).workUnits();
    assertEquals(1, coarser.size(), "default 1 MiB pieces: one unit for the small corpus");
    assertFalse(units().stream().map(WorkUnit::key).toList().contains(coarser.get(0).key()));
  }
}
