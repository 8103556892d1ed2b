package dev.smelt.infra.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.report.ReportWriter;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.activities.model.EngineThread;
import dev.smelt.activities.stage.RunEvaluation;
import dev.smelt.infra.config.ConfigException;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.workflows.config.RunConfig;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.StageInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `smelt eval RUN [--model PATH]`: evaluates a finished run folder again, in this process (no
 * Temporal), and rewrites eval/results.json, results.json and report.html.
 */
@Command(name = "eval", description = "Re-run the evaluation of a finished run and rewrite its report.")
final class EvalCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Parameters(paramLabel = "RUN", description = "A run folder, or a run id under --runs-dir.")
  String run;

  @Option(names = "--runs-dir", description = "Where run folders are (default: ./runs).")
  Path runsDir = Path.of("runs");

  @Option(names = "--model",
      description = "A fine-tuned classifier folder to score instead of finetune/TASK/final.")
  Path model;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.isDirectory(Path.of(run)) ? Path.of(run) : runsDir.resolve(run);
    dir = dir.toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve("config.yaml"))) {
      throw new ConfigException("not a run folder (no config.yaml): " + dir);
    }
    if (model != null && !Files.isRegularFile(model.resolve("model.safetensors"))) {
      throw new ConfigException("--model " + model + " holds no model.safetensors");
    }
    RunConfig config = ConfigLoader.load(dir.resolve("config.yaml"));
    String runId = dir.getFileName().toString();
    Path modelDir = model == null ? null : model.toAbsolutePath();
    StageInput input = new StageInput(runId, dir.toString(), config);
    // The same engine thread the worker uses: PyTorch settings are per thread.
    EvalResult eval = EngineThread.call(() -> RunEvaluation.evaluate(input, modelDir,
        p -> System.out.printf("smelt: evaluate %d/%d%n", p.done(), p.total())));
    RunFolder folder = new RunFolder(dir);
    RunSummary old = JSON.readValue(folder.results().toFile(), RunSummary.class);
    RunSummary updated = new RunSummary(old.runId(), old.runDir(), old.data(), old.tokenizer(),
        old.pretrain(), old.finetune(), old.baselines(), eval, null);
    Path report = ReportWriter.write(folder, config, updated);
    SummaryPrinter.print(JSON.readValue(folder.results().toFile(), RunSummary.class), System.out);
    System.out.println("smelt: wrote " + folder.eval().resolve("results.json") + " and " + report);
    return 0;
  }
}
