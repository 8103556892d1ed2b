package dev.smelt.infra.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.report.ReportWriter;
import dev.smelt.activities.model.EngineThread;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.activities.run.RunId;
import dev.smelt.activities.stage.RunEvaluation;
import dev.smelt.activities.stage.RunFiles;
import dev.smelt.infra.config.ConfigException;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.StageInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `smelt eval RUN [--model PATH]`: evaluates a finished run folder again, in this process (no
 * Temporal), every metric afresh (eval/parts/ is cleared), and rewrites eval/results.json,
 * results.json and report.html.
 */
@Command(name = "eval", description = "Re-run the evaluation of a finished run and rewrite its report.")
final class EvalCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Parameters(paramLabel = "RUN",
      description = "A run id (its folder under --runs-dir), or a path with a '/' to a run "
          + "folder elsewhere (./RUN).")
  String run;

  @Mixin RunsDirOption runs;

  @Option(names = "--model",
      description = "A fine-tuned classifier folder to score for the first task instead of "
          + "its finetune/TASK/final.")
  Path model;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RunFolder folder = runFolder();
    Path dir = folder.root();
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
    RunFiles.deleteRecursively(folder, RunEvaluation.parts(folder)); // rescore, not resume
    // The same engine thread the worker uses: PyTorch settings are per thread.
    EvalResult eval = EngineThread.call(() -> RunEvaluation.evaluate(folder, input, modelDir,
        p -> System.out.printf("smelt: evaluate %d/%d%n", p.done(), p.total())));
    RunSummary old = JSON.readValue(folder.results().toFile(), RunSummary.class);
    RunSummary updated = new RunSummary(old.runId(), old.runDir(), old.data(), old.tokenizer(),
        old.pretrain(), old.finetune(), old.baselines(), eval, null);
    Path report = ReportWriter.write(folder, config, updated);
    SummaryPrinter.print(JSON.readValue(folder.results().toFile(), RunSummary.class), System.out);
    System.out.println("smelt: wrote " + folder.eval().resolve("results.json") + " and " + report);
    return 0;
  }

  /** A run id names a folder inside the runs root; a path (it has a '/') one the user chose. */
  private RunFolder runFolder() {
    if (RunId.problem(run).isEmpty()) {
      return RunFolder.confined(runs.root().resolve(run).toString(), runs.root());
    }
    Path path = Path.of(run).toAbsolutePath().normalize();
    if (!run.contains("/") || !Files.isDirectory(path) || path.getParent() == null) {
      throw new ParameterException(spec.commandLine(), "RUN '" + run + "' is neither a run id "
          + "(letters, digits, '-', '_', '.') nor the path of a run folder");
    }
    return RunFolder.confined(path.toString(), path.getParent());
  }
}
