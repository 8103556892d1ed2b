package dev.smelt.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smelt.activities.stage.DataStage;
import dev.smelt.settings.Pooling;
import dev.smelt.settings.RunConfig;
import dev.smelt.settings.StallMinutes;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.settings.WorkerQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Files.writeString(dir.resolve("corpus.txt"), "some text");
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private static final String MINIMAL =
      "data:\n  inputs: [corpus.txt]\nfinetune:\n  inputs: [corpus.txt]\n";

  @Test
  void trainingKeysHaveDefaultsAndNamedRules() throws Exception {
    RunConfig c = ConfigLoader.load(write(MINIMAL));
    assertEquals(1, c.pretrain().gradAccumulation());
    assertEquals(0.15, c.pretrain().maskProbability());
    assertEquals("auto", c.pretrain().device());
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
        write(MINIMAL + "pretrain:\n  batchSize: 16\n  gradAccumulation: 3\n")));
    assertTrue(e.getMessage().contains("key 'pretrain.gradAccumulation'"), e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(write(MINIMAL + "pretrain:\n  device: tpu\n")));
    assertTrue(e.getMessage().contains("key 'pretrain.device'"), e.getMessage());
  }

  @Test
  void stallMinutesDefaultPerStageAndANegativeOneIsNamed() throws Exception {
    RunConfig c = ConfigLoader.load(write(MINIMAL + "stallMinutes:\n  finetune: 5\n"));
    assertEquals(StallMinutes.DEFAULTS.pretrain(), Stage.PRETRAIN.stallMinutes(c.stallMinutes()));
    assertEquals(5, Stage.FINETUNE.stallMinutes(c.stallMinutes()));
    assertEquals(StallMinutes.DEFAULTS, ConfigLoader.load(write(MINIMAL)).stallMinutes(),
        "smelt-defaults.yaml and StallMinutes.DEFAULTS agree");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(write(MINIMAL + "stallMinutes:\n  evaluate: -1\n")));
    assertTrue(e.getMessage().contains("key 'stallMinutes.evaluate'"), e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(write(MINIMAL + "stallMinutes:\n  train: 3\n")));
    assertTrue(e.getMessage().contains("unknown key 'stallMinutes.train'"), e.getMessage());
  }

  @Test
  void queueAndWarmStartDefaultToCpuAndNoneAndBadValuesAreOneLineNamingTheKey() throws Exception {
    RunConfig c = ConfigLoader.load(write(MINIMAL));
    assertEquals(WorkerQueue.CPU, c.pretrain().queue());
    assertEquals("none", c.pretrain().initFrom());
    RunConfig gpu = ConfigLoader.load(write(MINIMAL + "pretrain:\n  queue: gpu\n  initFrom: last\n"));
    assertEquals(WorkerQueue.GPU, gpu.pretrain().queue());
    assertEquals("last", gpu.pretrain().initFrom());
    assertEquals("weekly-20261201-030000", ConfigLoader.load(write(MINIMAL
        + "pretrain:\n  initFrom: weekly-20261201-030000\n")).pretrain().initFrom());
    ConfigException q = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(write(MINIMAL + "pretrain:\n  queue: tpu\n")));
    assertTrue(q.getMessage().contains("key 'pretrain.queue'"), q.getMessage());
    assertTrue(q.getMessage().contains("[cpu, gpu]"), q.getMessage());
    assertEquals(1, q.getMessage().lines().count(), q.getMessage());
    ConfigException i = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(write(MINIMAL + "pretrain:\n  initFrom: ../elsewhere\n")));
    assertTrue(i.getMessage().contains("key 'pretrain.initFrom' must be none, last or the id of a "
        + "run folder beside this run's (run id '../elsewhere' may hold only"), i.getMessage());
    assertEquals(1, i.getMessage().lines().count(), i.getMessage());
  }

  @Test
  void demoConfigLoadsWithEveryDefaultFilledAndPathsAbsolute() {
    RunConfig c = ConfigLoader.load(EXAMPLES.resolve("demo.yaml"));
    assertEquals("demo", c.name());
    assertEquals(EXAMPLES.resolve("corpus/austen.jsonl.gz").toString(), c.data().inputs().get(0));
    assertEquals(3, c.finetune().inputs().size());
    assertEquals("causal", c.pretrain().objective());
    assertTrue(c.pretrain().steps() > 0);
    assertEquals("tiny", c.model().preset());
  }

  @Test
  void qualityConfigLoadsWithTheCurveRuleItStates() {
    RunConfig c = ConfigLoader.load(EXAMPLES.resolve("quality.yaml"));
    assertEquals(List.of(50, 100, 200, 500), c.finetune().curveSizes());
    assertEquals(3, c.finetune().curveSeeds());
    assertEquals(3, c.finetune().curvePatience());
    assertEquals(150, c.finetune().curveSteps());
    RunConfig demo = ConfigLoader.load(EXAMPLES.resolve("demo.yaml"));
    assertEquals(3, demo.finetune().curveSeeds());
    assertTrue(demo.finetune().curveSizes().contains(100), "the headline's size is on the curve");
  }

  @Test
  void theClassifierHeadKeysDefaultToLastTokenAndEveryWeightTrained() throws Exception {
    RunConfig defaults = ConfigLoader.load(write(MINIMAL));
    assertEquals(Pooling.LAST, defaults.finetune().pooling());
    assertFalse(defaults.finetune().freezeBackbone());
    RunConfig probe = ConfigLoader.load(write(MINIMAL + "  pooling: mean\n  freezeBackbone: true\n"));
    assertEquals(Pooling.MEAN, probe.finetune().pooling());
    assertTrue(probe.finetune().perTask().get(0).freezeBackbone(), "each task's config keeps it");
  }

  @Test
  void aCurveRuleThatCannotWorkIsNamed() throws Exception {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(write(MINIMAL + "  curveSeeds: 0\n")));
    assertTrue(e.getMessage().contains("key 'finetune.curveSeeds'"), e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(write(MINIMAL + "  curvePatience: 2\n  curveValFraction: 1.0\n")));
    assertTrue(e.getMessage().contains("key 'finetune.curveValFraction'"), e.getMessage());
  }

  @Test
  void resolvedConfigRoundTripsThroughYaml() throws IOException {
    RunConfig c = ConfigLoader.load(EXAMPLES.resolve("tiny.yaml"));
    Path again = dir.resolve("config.yaml");
    Files.writeString(again, ConfigLoader.toYaml(c));
    assertEquals(c, ConfigLoader.load(again));
  }

  @Test
  void flinkRunnerKeysDefaultToAnEmbeddedClusterAndPassTheirFlags() throws IOException {
    RunConfig defaults = ConfigLoader.load(write(MINIMAL));
    assertEquals("[local]", defaults.data().flinkMaster());
    assertEquals(List.of(), defaults.data().pipelineArgs());
    RunConfig flink = ConfigLoader.load(write("data:\n  inputs: [corpus.txt]\n  runner: FlinkRunner\n"
        + "  flinkMaster: jobmanager.example:8081\n  pipelineArgs: [--parallelism=2]\n"
        + "finetune:\n  inputs: [corpus.txt]\n"));
    assertEquals(List.of("--flinkMaster=jobmanager.example:8081", "--parallelism=2"),
        DataStage.beamArgs(flink.data(), List.of()));
    assertEquals(List.of("--flinkMaster=jobmanager.example:8081", "--parallelism=4"),
        DataStage.beamArgs(flink.data(), List.of("--parallelism=4")), "a CLI flag wins");
  }

  @Test
  void unknownKeyIsNamedWithItsFullPath() throws IOException {
    Path f = write(MINIMAL + "pretrain:\n  stepz: 10\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("unknown key 'pretrain.stepz'"), e.getMessage());
    assertTrue(e.getMessage().contains("steps"), "lists the known keys: " + e.getMessage());
  }

  @Test
  void missingCorpusPathIsNamed() throws IOException {
    Path f = write("data:\n  inputs: [nowhere/corpus.jsonl]\nfinetune:\n  inputs: [corpus.txt]\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("key 'data.inputs[0]'"), e.getMessage());
    assertTrue(e.getMessage().contains("no such file or folder"), e.getMessage());
  }

  @Test
  void negativeStepsAreRejected() throws IOException {
    Path f = write(MINIMAL + "pretrain:\n  steps: -5\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("key 'pretrain.steps' must be positive"), e.getMessage());
  }

  @Test
  void malformedYamlReportsLine() throws IOException {
    Path f = write(MINIMAL + "pretrain:\n  steps: [1, 2\n  batchSize: 3\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("malformed YAML at line"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void wrongTypeNamesTheKey() throws IOException {
    Path f = write(MINIMAL + "pretrain:\n  steps: lots\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("'pretrain.steps'"), e.getMessage());
  }

  @Test
  void sectionGivenAsScalarIsRejected() throws IOException {
    Path f = write(MINIMAL + "model: big\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("key 'model' must be a mapping"), e.getMessage());
  }

  @Test
  void presetFillsTheShapeAndExplicitKeysOverrideIt() throws IOException {
    Path f = write(MINIMAL + "model:\n  preset: gpt2-124m\n  contextLength: 256\n");
    RunConfig c = ConfigLoader.load(f);
    assertEquals(12, c.model().layers());
    assertEquals(768, c.model().dModel());
    assertEquals(256, c.model().contextLength());
  }

  @Test
  void unknownPresetIsNamed() throws IOException {
    Path f = write(MINIMAL + "model:\n  preset: huge\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("'model.preset'"), e.getMessage());
  }

  @Test
  void unknownReaderIsNamed() throws IOException {
    Path f = write("data:\n  inputs: [corpus.txt]\n  readers: [jsonl, pdf]\nfinetune:\n  inputs: [corpus.txt]\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("key 'data.readers' must list readers from"), e.getMessage());
  }

  @Test
  void textSplitSizeDefaultsToOneMebibyteAndATinyOneIsNamed() throws IOException {
    assertEquals(1 << 20, ConfigLoader.load(write(MINIMAL)).data().textSplitBytes());
    Path f = write("data:\n  inputs: [corpus.txt]\n  textSplitBytes: 8\nfinetune:\n  inputs: [corpus.txt]\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("key 'data.textSplitBytes' must be from 16"), e.getMessage());
  }

  @Test
  void headsMustDivideWidth() throws IOException {
    Path f = write(MINIMAL + "model:\n  preset: custom\n  heads: 3\n  dModel: 128\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("'model.dModel'"), e.getMessage());
  }
}
