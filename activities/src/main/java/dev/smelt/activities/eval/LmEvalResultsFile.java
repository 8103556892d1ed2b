package dev.smelt.activities.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.ModelScore;
import dev.smelt.workflows.stage.TaskEval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * eval/lm_eval_results.json: the run's scores in lm-evaluation-harness's results layout (v0.4:
 * {@code results.<task>."<metric>,none"}, {@code configs}, {@code versions}, {@code n-shot},
 * {@code higher_is_better}, {@code n-samples}, {@code config}), so its readers and leaderboards
 * read them as they are. A metric lm-eval gives no standard error writes "N/A" there, as it does.
 */
public final class LmEvalResultsFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String NONE = ",none"; // lm-eval's filter suffix: no answer filter applied
  private static final String NA = "N/A";

  /** lm-eval's request kinds, as its task configs name them. */
  private enum OutputType {
    LOGLIKELIHOOD_ROLLING, LOGLIKELIHOOD, MULTIPLE_CHOICE;

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final ObjectNode root = JSON.createObjectNode();
  private final ObjectNode results = root.putObject("results");
  private final ObjectNode configs = root.putObject("configs");
  private final ObjectNode versions = root.putObject("versions");
  private final ObjectNode shots = root.putObject("n-shot");
  private final ObjectNode higher = root.putObject("higher_is_better");
  private final ObjectNode samples = root.putObject("n-samples");

  /** What lm-eval keeps under "config": the model scored and how; {@code model} is its folder. */
  public record Setup(String run, Path model, String preset, String objective, int bootstrapIters,
      long seed) {
    public static Setup of(String run, Path model, RunConfig c) {
      return new Setup(run, model, c.model().preset(), c.pretrain().objective(),
          c.eval().bootstrapResamples(), c.seed());
    }
  }

  /** lm-eval's acc_stderr: the sample standard deviation of 0/1 outcomes over √n, √(p(1−p)/(n−1)). */
  public static double meanStderr(double p, long n) {
    return n > 1 ? Math.sqrt(p * (1 - p) / (n - 1)) : Double.NaN;
  }

  /** Writes the file for one evaluation. */
  public static void write(Path file, Setup setup, EvalResult r, TextLikelihood heldout,
      TextLikelihood ood) throws IOException {
    LmEvalResultsFile f = new LmEvalResultsFile();
    f.languageModel("heldout_lm", "held-out split of the run's corpus", heldout);
    f.languageModel("ood_lm", "out of domain: " + r.oodCorpus(), ood);
    for (TaskEval t : r.tasks()) {
      for (ModelScore s : t.scores()) {
        f.task(s.model(), OutputType.MULTIPLE_CHOICE, "test split of " + t.task(), s.examples(),
            s.examples(),
            Map.of("acc", s.accuracy(), "f1", s.macroF1()),
            Map.of("acc", meanStderr(s.accuracy(), s.examples()), "f1", s.macroF1Stderr()));
      }
    }
    if (r.clozeItems() > 0) {
      f.task("lambada_heldout", OutputType.LOGLIKELIHOOD, "last word of held-out sentences",
          r.clozeItems(), r.clozeItems(), Map.of("acc", r.clozeAccuracy()),
          Map.of("acc", meanStderr(r.clozeAccuracy(), r.clozeItems())));
    }
    f.root.putObject("config").put("model", "smelt")
        .put("model_args", "pretrained=" + setup.model()).put("run", setup.run())
        .put("preset", setup.preset()).put("objective", setup.objective())
        .put("bootstrap_iters", setup.bootstrapIters()).put("random_seed", setup.seed());
    f.root.put("date", System.currentTimeMillis() / 1000.0);
    Files.createDirectories(file.getParent());
    JSON.writeValue(file.toFile(), f.root);
  }

  private void languageModel(String task, String description, TextLikelihood t) {
    if (t.tokens() == 0) {
      return; // not scored (a masked LM, or no out-of-domain text): lm-eval omits such a task
    }
    task(task, OutputType.LOGLIKELIHOOD_ROLLING, description, t.ofDocuments(), t.documents(),
        Map.of("word_perplexity", t.wordPerplexity(), "byte_perplexity", t.bytePerplexity(),
            "bits_per_byte", t.bitsPerByte()), Map.of());
  }

  /** One task; {@code original} and {@code effective} are lm-eval's n-samples (all, and scored). */
  private void task(String task, OutputType type, String description, long original,
      long effective, Map<String, Double> metrics, Map<String, Double> stderrs) {
    ObjectNode out = results.putObject(task).put("alias", task);
    ObjectNode better = higher.putObject(task);
    ObjectNode cfg = configs.putObject(task).put("task", task).put("description", description)
        .put("output_type", type.key()).put("num_fewshot", 0);
    metrics.keySet().stream().sorted().forEach(m -> {
      out.put(m + NONE, metrics.get(m));
      Double se = stderrs.get(m);
      if (se == null) {
        out.put(m + "_stderr" + NONE, NA);
      } else {
        out.put(m + "_stderr" + NONE, se);
      }
      boolean up = !m.endsWith("perplexity") && !m.equals("bits_per_byte");
      better.put(m, up);
      cfg.withArray("metric_list").addObject().put("metric", m)
          .put("aggregation", m.equals("acc") ? "mean" : m)
          .put("higher_is_better", up);
    });
    versions.put(task, 1.0);
    shots.put(task, 0);
    samples.putObject(task).put("original", original).put("effective", effective);
  }
}
