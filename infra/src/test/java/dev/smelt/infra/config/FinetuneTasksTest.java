package dev.smelt.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.settings.FinetuneConfig;
import dev.smelt.settings.FinetuneTask;
import dev.smelt.settings.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** finetune.tasks: a list of {name, inputs, labels, steps}, or the single-task keys as one task. */
class FinetuneTasksTest {
  @TempDir Path dir;

  private static final String DATA = "data:\n  inputs: [corpus.txt]\n";
  private static final String TWO_TASKS = DATA + "finetune:\n  steps: 50\n  tasks:\n"
      + "    - name: sentiment\n      inputs: [reviews.jsonl]\n"
      + "    - name: spam\n      labels: [ham, spam]\n      steps: 25\n      inputs: [mail.jsonl]\n";

  private Path write(String yaml) throws IOException {
    for (String f : List.of("corpus.txt", "reviews.jsonl", "mail.jsonl")) {
      Files.writeString(dir.resolve(f), "{\"text\": \"x\", \"label\": 0}\n");
    }
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private String problem(String yaml) throws IOException {
    Path f = write(yaml);
    String m = assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).getMessage();
    assertEquals(1, m.lines().count(), m);
    return m;
  }

  @Test
  void tasksAreReadInOrderWithLabelsStepsAndResolvedPaths() throws IOException {
    FinetuneConfig f = ConfigLoader.load(write(TWO_TASKS)).finetune();
    assertEquals(List.of(
        new FinetuneTask("sentiment", List.of(dir.resolve("reviews.jsonl").toString()), List.of(), 0),
        new FinetuneTask("spam", List.of(dir.resolve("mail.jsonl").toString()),
            List.of("ham", "spam"), 25)), f.tasks());
    assertEquals(List.of(50, 25), f.perTask().stream().map(FinetuneConfig::steps).toList(),
        "a task's own steps, else finetune.steps");
    assertEquals("spam", f.perTask().get(1).task());
    assertEquals(List.of("ham", "spam"), f.perTask().get(1).labels());
  }

  @Test
  void singleTaskKeysAreOneTaskWithIntegerLabels() throws IOException {
    FinetuneConfig f = ConfigLoader.load(write(DATA + "finetune:\n  inputs: [reviews.jsonl]\n"))
        .finetune();
    assertEquals(List.of(new FinetuneTask("sentiment",
        List.of(dir.resolve("reviews.jsonl").toString()), List.of(), 0)), f.tasks());
  }

  @Test
  void resolvedTwoTaskConfigRoundTripsThroughYaml() throws IOException {
    RunConfig c = ConfigLoader.load(write(TWO_TASKS));
    String yaml = ConfigLoader.toYaml(c);
    assertTrue(yaml.contains("tasks:") && !yaml.contains("\n  task:"), yaml);
    Path again = dir.resolve("config.yaml");
    Files.writeString(again, yaml);
    assertEquals(c, ConfigLoader.load(again));
  }

  @Test
  void singleTaskKeysBesideTasksAreRejectedNamingTheKey() throws IOException {
    String m = problem(TWO_TASKS + "  inputs: [reviews.jsonl]\n");
    assertTrue(m.contains("key 'finetune.inputs' cannot be given with finetune.tasks"), m);
    m = problem(TWO_TASKS + "  task: sentiment\n");
    assertTrue(m.contains("key 'finetune.task' cannot be given with finetune.tasks"), m);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[ham, spam]|[spam]|key 'finetune.tasks[1].labels' must name at least two classes",
      "[ham, spam]|[spam, spam]|key 'finetune.tasks[1].labels' must not name a class twice",
      "name: spam|name: sentiment|key 'finetune.tasks[1].name' must differ from finetune.tasks[0].name",
      "name: spam|name: Spam!|key 'finetune.tasks[1].name' must be lower-case",
      "[mail.jsonl]|[nowhere.jsonl]|key 'finetune.tasks[1].inputs[0]' no such file or folder",
      "steps: 25|steps: 5|key 'finetune.tasks[1].steps' must be 0 (finetune.steps) or more than "
          + "finetune.warmupSteps (20)",
      "steps: 25|stepz: 25|unknown key 'finetune.tasks[1].stepz' (known here: name, inputs, labels, steps)",
      "steps: 25|steps: 12.5|key 'finetune.tasks[1].steps': 12.5 is not an integer",
      "name: spam|labels: [a, b]|key 'finetune.tasks[1].labels' is given twice"})
  void badTaskValuesAreNamedByTheirIndex(String from, String to, String expected) throws IOException {
    String m = problem(TWO_TASKS.replace(from, to));
    assertTrue(m.contains(expected), m);
  }

  @Test
  void aTaskWithoutANameIsRejectedNamingTheKey() throws IOException {
    String m = problem(TWO_TASKS.replace("    - name: spam\n      labels:", "    - labels:"));
    assertTrue(m.contains("key 'finetune.tasks[1].name' must be given"), m);
  }

  @Test
  void singleTaskProblemsNameTheSingleTaskKeys() throws IOException {
    assertTrue(problem(DATA + "finetune:\n  inputs: [nowhere.jsonl]\n")
        .contains("key 'finetune.inputs[0]' no such file or folder"));
    assertTrue(problem(DATA + "finetune:\n  task: Sent\n  inputs: [reviews.jsonl]\n")
        .contains("key 'finetune.task' must be lower-case"));
  }

  @Test
  void demoRunsSentimentThenAShortSpamTask() {
    FinetuneConfig f = ConfigLoader.load(ConfigLoaderTest.EXAMPLES.resolve("demo.yaml")).finetune();
    assertEquals(List.of("sentiment", "spam"), f.tasks().stream().map(FinetuneTask::name).toList());
    assertEquals(List.of("ham", "spam"), f.tasks().get(1).labels());
    assertTrue(f.perTask().get(1).steps() < f.steps(), "the spam fine-tune is the short one");
  }
}
