package dev.smelt.pipeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.pipeline.filter.Rejected;
import dev.smelt.pipeline.parts.PartFiles;
import dev.smelt.pipeline.tokenize.BpeTokenizer;
import dev.smelt.pipeline.tokenize.ByteLevelBpeTrainer;
import dev.smelt.pipeline.tokenize.TokenShardPipeline;
import dev.smelt.pipeline.tokenize.TokenShardPipeline.TokenShardSpec;
import dev.smelt.settings.filter.FilterSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data stage, the tokenizer and the token shards run twice on one small mixed corpus, at
 * --targetParallelism=1 and =4: every output file must be byte for byte the same.
 */
class DeterministicOutputsTest {
  /** Pride and Prejudice (Jane Austen, 1813; public domain), the sentences documents are made of. */
  private static final String[] SENTENCES = {
    "It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.",
    "However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is well fixed.",
    "My dear Mr. Bennet, said his lady to him one day, have you heard that Netherfield Park is let at last?",
    "Mr. Bennet replied that he had not, and she told him that a young man of large fortune had taken it.",
    "He came down on Monday in a chaise and four to see the place, and was so much delighted with it that he agreed at once.",
    "Mr. Bingley was good looking and gentlemanlike; he had a pleasant countenance and easy, unaffected manners.",
    "His friend Mr. Darcy soon drew the attention of the room by his fine, tall person, handsome features and noble mien.",
    "Elizabeth Bennet had been obliged, by the scarcity of gentlemen, to sit down for two dances.",
  };
  private static final String EMAIL = "harriet.smith@highbury-example.org";
  private static final String API_KEY = "AKIAZ7QK3M9XW2RT5VBN";
  private static final String SECRET = "q8Zr2LxV9mTf4KpW7sNc1YbH";
  private static final List<String> CHAIN =
      List.of("length", "language", "pii", "toxicity", "copyright", "dedup", "fuzzy_dedup");

  @TempDir static Path tmp;
  static Path one;
  static Path four;

  @BeforeAll
  static void runTwice() throws IOException {
    Path corpus = corpus(Files.createDirectories(tmp.resolve("corpus")));
    one = runAll(corpus, tmp.resolve("p1"), 1);
    four = runAll(corpus, tmp.resolve("p4"), 4);
  }

  @Test
  void everyOutputFileIsByteIdenticalAtParallelismOneAndFour() throws IOException {
    Map<String, String> a = sha256OfEveryFile(one);
    Map<String, String> b = sha256OfEveryFile(four);
    assertEquals(a, b);
    for (String folder : List.of("clean", "shards")) {
      assertEquals(List.of("part-00000-of-00004.parquet", "part-00001-of-00004.parquet",
          "part-00002-of-00004.parquet", "part-00003-of-00004.parquet"),
          a.keySet().stream().filter(f -> f.startsWith(folder + "/"))
              .map(f -> f.substring(folder.length() + 1)).toList(), "no temp file or other name left");
    }
    assertTrue(a.containsKey("tokenizer.json") && a.containsKey("bias.json")
        && a.containsKey("near_duplicates.json") && a.containsKey("val/part-00000-of-00001.parquet"), a.toString());
  }

  @Test
  void statsHaveTheSameCountsAndTheCorpusExercisesRejectsAndTags() throws IOException {
    assertEquals(countsOnly(one), countsOnly(four));
    DataStats stats = StatsJson.read(one.resolve("data"));
    assertEquals(stats.read(), stats.kept() + stats.rejected());
    assertTrue(stats.kept() >= 20, stats.toString());
    assertTrue(stats.rejects().stream().map(StageReasonCount::reason).distinct().count() >= 4, stats.toString());
    assertFalse(TaggedDocs.read(one.resolve("data")).isEmpty());
  }

  @Test
  void keptRowsAreSortedByDocIdInsideEachShard() {
    for (Path part : CleanDocs.parts(one.resolve("data"))) {
      List<String> ids = idsOf(part);
      assertEquals(ids.stream().sorted().toList(), ids, part.toString());
    }
  }

  @Test
  void documentsRejectedBeforeThePiiStageHoldNoRawPiiAndKeepTheirReason() {
    List<Rejected> rejects = RejectedDocs.read(one.resolve("data"));
    for (Rejected r : rejects) {
      String row = r.doc().text() + " " + r.detail();
      assertFalse(row.contains(EMAIL) || row.contains(API_KEY) || row.contains(SECRET), r.toString());
    }
    Rejected shortOne = byId(rejects, "short-pii");
    assertEquals(RejectReason.TOO_SHORT, shortOne.reason());
    assertEquals("Write <EMAIL>, key <SECRET>.", shortOne.doc().text());
    Rejected german = byId(rejects, "german-pii");
    assertEquals(RejectReason.LANGUAGE_NOT_ALLOWED, german.reason());
    assertTrue(german.doc().text().contains("<EMAIL>") && german.doc().text().contains("api_key=<SECRET>"),
        german.doc().text());
  }

  private static Rejected byId(List<Rejected> rejects, String id) {
    return rejects.stream().filter(r -> r.doc().docId().equals(id)).findFirst().orElseThrow();
  }

  private static List<String> idsOf(Path part) {
    List<String> ids = new ArrayList<>();
    try (var reader = PartFiles.open(part)) {
      for (var row = reader.read(); row != null; row = reader.read()) {
        ids.add(row.get("doc_id").toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  /** Data stage, tokenizer training on clean/ as the tokenizer activity does, token shards. */
  private static Path runAll(Path corpus, Path root, int parallelism) throws IOException {
    Path data = root.resolve("data");
    List<String> args = List.of("--targetParallelism=" + parallelism);
    DataPipelineSpec spec = new DataPipelineSpec(List.of(corpus), data, 80, 100_000, "DirectRunner",
        args, CHAIN, FilterSettings.DEFAULTS, null);
    DataPipeline.run(spec, p -> {});
    BpeTokenizer tokenizer = new ByteLevelBpeTrainer(300, 2, 0)
        .train(CleanDocs.read(data).stream().map(Doc::text));
    Path json = data.resolve("tokenizer.json");
    tokenizer.save(json);
    TokenShardPipeline.run(new TokenShardSpec(data, json, 0.2, "DirectRunner", args));
    return root;
  }

  /** stats.json without its wall time. */
  private static ObjectNode countsOnly(Path root) throws IOException {
    ObjectNode stats = (ObjectNode) new ObjectMapper().readTree(root.resolve("data/stats.json").toFile());
    stats.remove("seconds");
    return stats;
  }

  /** Relative path → sha256 of every file under data/, stats.json aside (it holds the wall time). */
  private static Map<String, String> sha256OfEveryFile(Path root) throws IOException {
    Path data = root.resolve("data");
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = data.relativize(f).toString();
        if (!name.equals(StatsJson.FILE)) {
          out.put(name, HexFormat.of().formatHex(sha256(Files.readAllBytes(f))));
        }
      }
    }
    return out;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 40 prose documents (a few near duplicates), and one each for every other way out. */
  private static Path corpus(Path dir) throws IOException {
    Random random = new Random(7);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<String> order = new ArrayList<>(List.of(SENTENCES));
      Collections.shuffle(order, random);
      // four different sentences: a document repeating one would be a Gopher repetition reject
      String text = "Letter " + i + ". " + String.join(" ", order.subList(0, 4));
      lines.add(json("prose-" + i, text));
    }
    lines.add(json("copy-of-3", lines.get(3).replaceAll(".*\"text\":\"(.*)\"}", "$1")));
    lines.add(json("short-pii", "Write " + EMAIL + ", key " + API_KEY + "."));
    lines.add(json("german-pii", "Schreiben Sie bitte an " + EMAIL + " und verwenden Sie den "
        + "Schlüssel api_key=" + SECRET + " für den Zugang, der Brief kommt morgen mit der Post an."));
    lines.add(json("toxic", "fuck you, you fucking asshole, fuck off and die, you cunt, he said to the man."));
    lines.add(json("notice", SENTENCES[0] + " " + SENTENCES[1] + " Copyright (c) 2019 Example Press. All rights reserved."));
    lines.add(json("kept-pii", SENTENCES[2] + " " + SENTENCES[5] + " Write to " + EMAIL + " about it."));
    Files.writeString(dir.resolve("docs.jsonl"), String.join("\n", lines) + "\n");
    Files.writeString(dir.resolve("chapter.txt"), String.join("\n\n", SENTENCES) + "\n");
    return dir;
  }

  private static String json(String id, String text) {
    return "{\"id\":\"" + id + "\",\"text\":\"" + text.replace("\"", "\\\"") + "\"}";
  }
}
