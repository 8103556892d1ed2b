package dev.smelt.pipeline.tokenize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Training speed on a real corpus; runs only when asked:
 * {@code mvn -pl pipeline test -Dtest=TrainerSpeedBench -Dsmelt.bench.corpus=DIR_OF_TXT [-Dsmelt.bench.vocab=4096]}.
 */
class TrainerSpeedBench {
  @Test
  @EnabledIfSystemProperty(named = "smelt.bench.corpus", matches = ".+")
  void trainsOnTheCorpus() throws IOException {
    Path root = Path.of(System.getProperty("smelt.bench.corpus"));
    int vocab = Integer.getInteger("smelt.bench.vocab", 4096);
    List<String> texts;
    try (Stream<Path> files = Files.walk(root)) {
      texts = files.filter(Files::isRegularFile).sorted().map(TrainerSpeedBench::read).toList();
    }
    long chars = texts.stream().mapToLong(String::length).sum();
    long start = System.nanoTime();
    WordCountPass pass = new WordCountPass(0, WordCounts.UNBOUNDED);
    texts.forEach(pass::add);
    int distinct = pass.counts().size();
    System.out.printf("counted %,d distinct pieces in %.2f s%n", distinct, (System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    BpeTokenizer tokenizer = new ByteLevelBpeTrainer(vocab, 2, 0).train(texts);
    double trainS = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    long tokens = texts.stream().mapToLong(t -> tokenizer.encode(t).length).sum();
    double encodeS = (System.nanoTime() - start) / 1e9;
    System.out.printf("trained %d-token vocab on %d files, %,d chars in %.2f s; encoded to %,d tokens "
            + "(%.2f chars/token) in %.2f s%n",
        tokenizer.vocabSize(), texts.size(), chars, trainS, tokens, (double) chars / tokens, encodeS);
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
