package dev.smelt.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smelt.activities.report.ReportWriter;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.infra.config.ConfigLoader;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.BaselinesResult;
import dev.smelt.workflows.stage.BaselinesResults;
import dev.smelt.workflows.stage.CurvePoint;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.EvalResult;
import dev.smelt.workflows.stage.FinetuneResult;
import dev.smelt.workflows.stage.FinetuneResults;
import dev.smelt.workflows.stage.ModelScore;
import dev.smelt.workflows.stage.PretrainResult;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.StopReason;
import dev.smelt.workflows.stage.TaskEval;
import dev.smelt.workflows.stage.TokenizerResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run of two tasks: results.json, report.html and the printed summary have each task. */
class TwoTaskSummaryTest {
  private static final Path TINY = Path.of("..", "examples", "tiny.yaml").toAbsolutePath().normalize();

  @TempDir Path runs;

  private static List<CurvePoint> curve(String correctTuned, String correctScratch) {
    return List.of(
        new CurvePoint("pretrained+finetuned", 100, 30, 0.8, 0.79, correctTuned),
        new CurvePoint("from_scratch", 100, 30, 0.5, 0.49, correctScratch),
        new CurvePoint("bow_logreg", 100, 10, 0.6, 0.59, "1111110000"));
  }

  private static ModelScore score(String model, double acc) {
    return new ModelScore(model, acc, acc - 0.1, acc + 0.1, 0.05, acc, acc - 0.1, acc + 0.1, 0.05, 10);
  }

  private static RunSummary summary(Path dir) {
    FinetuneResults finetune = new FinetuneResults(List.of(
        new FinetuneResult("sentiment", 40, 0.7, 0.4, 40, 10, dir + "/finetune/sentiment", 4.0),
        new FinetuneResult("spam", 25, 0.69, 0.2, 48, 10, dir + "/finetune/spam", 2.0)));
    BaselinesResults baselines = new BaselinesResults(List.of(
        new BaselinesResult("sentiment", "s", "b", curve("1111111100", "1111100000"), 5.0),
        new BaselinesResult("spam", "s", "b", curve("1111111110", "1110000000"), 3.0)));
    EvalResult eval = new EvalResult(3.3, 27.1, 4.2, 1000, List.of(
        new TaskEval("sentiment", 0.8, 10, 0.5,
            List.of(score("sentiment", 0.8), score("sentiment_majority", 0.5))),
        new TaskEval("spam", 0.93, 10, 0.5,
            List.of(score("spam", 0.93), score("spam_bow_logreg", 0.9), score("spam_majority", 0.5)))),
        Double.NaN, 0, List.of(), Double.NaN, List.of(), "yelp.jsonl", Double.NaN, Double.NaN, 6.0);
    return new RunSummary("r1", dir.toString(), new DataResult(10, 8, 2, 800, List.of(), 1.0),
        new TokenizerResult(512, 7, 1, 7000, 1000, "t", 2.0),
        new PretrainResult(100, 6.2, 3.1, 3.3, 51200, 900.0, 123456, 0, "p", 3.0,
            StopReason.MAX_STEPS, 0), finetune, baselines, eval, null);
  }

  @Test
  void everyTaskHasItsSectionScoresAndCurve() throws Exception {
    RunConfig config = ConfigLoader.load(TINY);
    Path dir = Files.createDirectories(runs.resolve("r1"));
    RunFolder run = RunFolder.confined(dir.toString(), runs);
    RunSummary s = summary(dir);
    Path report = ReportWriter.write(run, config, s);

    String html = Files.readString(report);
    for (String part : new String[] {"<h2>Fine-tuning: sentiment</h2>", "<h2>Fine-tuning: spam</h2>",
        "<h2>Learning curve: sentiment</h2>", "<h2>Learning curve: spam</h2>",
        "spam: test split, 95 % bootstrap intervals", "spam_bow_logreg accuracy",
        "Accuracy of every model on the spam test split"}) {
      assertTrue(html.contains(part), "report lacks " + part);
    }
    assertTrue(html.indexOf("Learning curve: sentiment") < html.indexOf("Fine-tuning: sentiment"),
        "the first task's curve stands under the answer");
    assertTrue(html.indexOf("Fine-tuning: sentiment") < html.indexOf("Learning curve: spam"));

    JsonNode results = new ObjectMapper().readTree(run.results().toFile());
    assertEquals("spam", results.get("finetune").get("tasks").get(1).get("task").asText());
    assertEquals(0.93, results.get("eval").get("tasks").get(1).get("accuracy").asDouble());
    assertEquals(s.withReportPath(report.toString()),
        new ObjectMapper().readValue(run.results().toFile(), RunSummary.class),
        "results.json reads back as the summary (the eval command reads it)");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SummaryPrinter.print(s, new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("finetune   spam: 25 steps"), printed);
    assertTrue(printed.contains("spam accuracy 0.930 on 10 held-out (majority 0.500)"), printed);
  }
}
