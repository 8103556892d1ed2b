package dev.smelt.activities.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.run.ParquetTestFiles;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.doc.DocSchemas;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.pipeline.tokenize.CleanTextCounts;
import dev.smelt.pipeline.tokenize.WordCountPass;
import dev.smelt.settings.DataConfig;
import dev.smelt.settings.ModelConfig;
import dev.smelt.settings.RunConfig;
import dev.smelt.settings.TokenizerConfig;
import dev.smelt.settings.filter.FilterSettings;
import dev.smelt.workflows.stage.StageInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A retried tokenizer stage continues the word count an earlier attempt saved in the run folder. */
class TokenizerStageResumeTest {
  private static final int CAP = 200; // small: the count prunes on the way
  private static final RunConfig CONFIG = new RunConfig("tok", 1,
      new DataConfig(List.of(), 0, 1_000_000, 0.2, "DirectRunner", List.of("jsonl"),
          List.of("length"),
          new FilterSettings(null, null, null, null, null, null, null, null, null, null), false),
      new TokenizerConfig(400, 2, 0, CAP), new ModelConfig("custom", 2, 2, 32, 16, 0.1), null,
      null, null);

  @TempDir Path tmp;

  private static List<String> texts() {
    String[] words = ("the of and to a in that is was he for it with as his on be at by had not "
        + "are but from or have an they which one you were her all she there would their we him "
        + "been has when who will more no if out so said what up its about into than them")
        .split(" ");
    SplittableRandom rng = new SplittableRandom(5);
    List<String> texts = new ArrayList<>();
    for (int d = 0; d < 60; d++) {
      StringBuilder b = new StringBuilder();
      for (int w = 0; w < 40 + rng.nextInt(40); w++) {
        b.append(w == 0 ? "" : " ").append(words[rng.nextInt(words.length)]);
        b.append(rng.nextInt(9) == 0 ? "ing" + rng.nextInt(50) : "");
      }
      texts.add(b.append('.').toString());
    }
    return texts;
  }

  private Path runWithCleanDocs(String name) throws Exception {
    Path run = tmp.resolve("runs/" + name);
    Path clean = Files.createDirectories(run.resolve("data/clean"));
    List<GenericRecord> rows = new ArrayList<>();
    List<String> texts = texts();
    for (int i = 0; i < texts.size(); i++) {
      GenericRecord r = new GenericData.Record(DocSchemas.CLEAN_DOC);
      r.put("doc_id", "d" + i);
      r.put("source", "s.txt");
      r.put("text", texts.get(i));
      rows.add(r);
    }
    ParquetTestFiles.write(clean.resolve("part-00000-of-00002.parquet"), DocSchemas.CLEAN_DOC,
        rows.subList(0, 25));
    ParquetTestFiles.write(clean.resolve("part-00001-of-00002.parquet"), DocSchemas.CLEAN_DOC,
        rows.subList(25, rows.size()));
    return run;
  }

  private static byte[] trainStage(Path run) throws Exception {
    TokenizerActivity.train(new StageShell.StageContext(new RunFolder(run),
        new StageInput(run.getFileName().toString(), run.toString(), CONFIG), Optional.empty(),
        p -> { }));
    return Files.readAllBytes(run.resolve("tokenizer/tokenizer.json"));
  }

  /** What a killed attempt leaves: the count of the first {@code rows} rows, saved. */
  private static void saveCountOfFirstRows(Path run, int rows, String plantedText)
      throws Exception {
    WordCountPass pass = new WordCountPass(0, CAP);
    texts().subList(0, rows).forEach(pass::add);
    if (plantedText != null) {
      pass.add(plantedText);
    }
    pass.save(run.resolve("tokenizer/" + TokenizerActivity.COUNTS_FILE),
        CleanTextCounts.inputs(run.resolve("data"), CAP));
  }

  @Test
  void aRetriedAttemptContinuesTheSavedCountToTheSameTokenizerBytes() throws Exception {
    byte[] uninterrupted = trainStage(runWithCleanDocs("straight"));
    Path retried = runWithCleanDocs("retried");
    saveCountOfFirstRows(retried, 33, null);
    assertArrayEquals(uninterrupted, trainStage(retried));
  }

  @Test
  void aRetriedAttemptReadsTheSavedCountInsteadOfCountingAgain() throws Exception {
    Path run = runWithCleanDocs("planted");
    // a word no clean document holds, planted in the saved count: it can only come from there
    saveCountOfFirstRows(run, 10, " zqxj".repeat(300));
    trainStage(run);
    BpeTokenizer t = BpeTokenizer.load(run.resolve("tokenizer/tokenizer.json"));
    assertEquals(1, t.encode(" zqxj").length, "the planted word became one token");
    assertTrue(Files.size(run.resolve("tokenizer/" + TokenizerActivity.COUNTS_FILE)) > 0);
  }
}
