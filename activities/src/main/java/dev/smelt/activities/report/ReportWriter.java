package dev.smelt.activities.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.smelt.activities.run.RunFolder;
import dev.smelt.pipeline.dedup.minhash.NearDuplicateReport;
import dev.smelt.settings.RunConfig;
import dev.smelt.workflows.stage.BaselinesResult;
import dev.smelt.workflows.stage.DataResult;
import dev.smelt.workflows.stage.FinetuneResult;
import dev.smelt.workflows.stage.ReasonCount;
import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.Stage;
import dev.smelt.workflows.stage.TaskEval;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes results.json and report.html: one self-contained page a person reads. */
public final class ReportWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String BLUE = "#2b6cb0";
  private static final String ORANGE = "#dd6b20";
  private static final String RED = "#c53030";
  private static final String GREEN = "#2f855a";

  private ReportWriter() {}

  /** Writes both files and returns the report's path. */
  public static Path write(RunFolder run, RunConfig config, RunSummary summary) throws IOException {
    RunSummary withReport = summary.withReportPath(run.report().toString());
    JSON.writeValue(run.results().toFile(), withReport);
    Files.writeString(run.report(), html(run, config, withReport), StandardCharsets.UTF_8);
    return run.report();
  }

  static String html(RunFolder run, RunConfig c, RunSummary s) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Smelt run ").append(SvgChart.esc(s.runId())).append("</title><style>")
        .append("body{font:14px/1.45 system-ui,sans-serif;max-width:860px;margin:2em auto;color:#222}")
        .append("h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}")
        .append("table{border-collapse:collapse}td,th{padding:3px 12px;text-align:left;")
        .append("border-bottom:1px solid #eee}td.n{text-align:right;font-variant-numeric:tabular-nums}")
        .append("svg.chart{width:100%;height:auto;font-size:11px;background:#fcfcfc}")
        .append(".muted{color:#666}.answer{font-size:1.2em}.flag{color:#c53030}h3{font-size:1em;margin-top:1.5em}</style></head><body>");
    b.append("<h1>Smelt run ").append(SvgChart.esc(s.runId())).append("</h1><p class=\"muted\">")
        .append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
        .append(" · ").append(SvgChart.esc(s.runDir())).append("</p>");
    TaskEval first = s.eval().headline();
    Optional<BaselinesResult> firstBaselines = baselines(s, first.task());
    answer(b, c, first, firstBaselines);
    EvaluationSection.learningCurve(b, firstBaselines.orElse(null), first.testExamples(),
        c.eval().bootstrapResamples(), c.seed()); // the evidence for the answer, right under it
    headline(b, c, s);
    funnel(b, s.data());
    LanguagesSection.write(b, run.data().resolve("stats.json"));
    NearDuplicateSection.write(b, run.data().resolve(NearDuplicateReport.FILE));
    CorpusBiasSection.write(b, run.data().resolve("bias.json"));
    pretrain(b, run, c, s);
    for (FinetuneResult task : s.finetune().tasks()) {
      finetune(b, run, c, s, task);
    }
    evaluation(b, run, s);
    timings(b, s);
    return b.append("</body></html>").toString();
  }

  /** The baselines of {@code task}, if the run trained them. */
  private static Optional<BaselinesResult> baselines(RunSummary s, String task) {
    return s.baselines() == null ? Optional.empty() : s.baselines().of(task);
  }

  /** The first line: what pre-training bought, from the first task's learning curve. */
  private static void answer(StringBuilder b, RunConfig c, TaskEval first,
      Optional<BaselinesResult> baselines) {
    String line = baselines.isEmpty() ? "No learning curve in this run, so the gain from "
        + "pre-training is not measured." : CurveHeadline.of(baselines.get().curve(),
            first.testExamples(), c.eval().bootstrapResamples(), c.seed())
        .map(CurveHeadline.Answer::sentence)
        .orElse("The learning curve has no size with both a pre-trained and a from-scratch model.");
    b.append("<p class=\"answer\"><b>").append(SvgChart.esc(line)).append("</b></p>");
  }

  private static void headline(StringBuilder b, RunConfig c, RunSummary s) {
    b.append("<table>");
    row(b, "Model", String.format(Locale.ROOT, "%s: %d layers, %d heads, d=%d, context %d, %,d parameters",
        c.model().preset(), c.model().layers(), c.model().heads(), c.model().dModel(),
        c.model().contextLength(), s.pretrain().parameters()));
    row(b, "Objective", c.pretrain().objective() + ", " + s.pretrain().steps() + " steps × "
        + c.pretrain().batchSize() + " sequences");
    row(b, "Held-out perplexity", fmt(s.eval().perplexity()) + " (" + fmt(s.eval().bitsPerByte())
        + " bits per byte)");
    for (TaskEval t : s.eval().tasks()) {
      row(b, t.task() + " accuracy", pct(t.accuracy()) + " (majority class "
          + pct(t.majorityBaseline()) + ")");
      t.scores().stream().skip(1).forEach(m -> row(b, m.model() + " accuracy",
          pct(m.accuracy())));
    }
    b.append("</table>");
  }

  private static void funnel(StringBuilder b, DataResult d) {
    b.append("<h2>Data funnel</h2>");
    List<SvgChart.Bar> bars = new ArrayList<>();
    bars.add(new SvgChart.Bar("read", d.read(), BLUE));
    for (ReasonCount r : d.rejects()) {
      bars.add(new SvgChart.Bar(r.stage() + ": " + r.reason(), r.documents(), RED));
    }
    bars.add(new SvgChart.Bar("kept", d.kept(), GREEN));
    b.append(SvgChart.hbars("Data funnel", bars));
    b.append(String.format(Locale.ROOT,
        "<p>Read %,d documents; kept %,d (%,d bytes); rejected %,d — every reject is in "
            + "<code>data/rejects/</code> with its stage, reason and text.</p>",
        d.read(), d.kept(), d.keptBytes(), d.rejected()));
  }

  private static void pretrain(StringBuilder b, RunFolder run, RunConfig c, RunSummary s) {
    b.append("<h2>Pre-training</h2>");
    Path metrics = run.pretrain().resolve("metrics.jsonl");
    b.append(SvgChart.line("Pre-training loss", "step", "loss", List.of(
        new SvgChart.Series("train loss", BLUE, MetricsSeries.series(metrics, "loss")),
        new SvgChart.Series("validation loss", ORANGE, MetricsSeries.series(metrics, "val_loss")))));
    b.append(String.format(Locale.ROOT,
        "<p>Loss %.3f → %.3f over %d steps; validation loss %.3f; %,.0f tokens/s; %,d tokens seen%s.</p>",
        s.pretrain().firstLoss(), s.pretrain().lastLoss(), s.pretrain().steps(),
        s.pretrain().valLoss(), s.pretrain().tokensPerSecond(), s.pretrain().tokens(),
        s.pretrain().resumedFromStep() > 0
            ? "; resumed from step " + s.pretrain().resumedFromStep() : ""));
  }

  /**
   * One task's section: its fine-tuning loss, its scores on its test split, and (for every task
   * but the first, whose curve stands under the answer) its learning curve.
   */
  private static void finetune(StringBuilder b, RunFolder run, RunConfig c, RunSummary s,
      FinetuneResult f) {
    b.append("<h2>Fine-tuning: ").append(SvgChart.esc(f.task())).append("</h2>");
    Path metrics = run.finetune(f.task()).resolve("metrics.jsonl");
    b.append(SvgChart.line("Fine-tuning loss: " + f.task(), "step", "loss", List.of(
        new SvgChart.Series("train loss", BLUE, MetricsSeries.series(metrics, "loss")))));
    b.append(String.format(Locale.ROOT, "<p>%d steps on %,d examples; %,d held out for testing.</p>",
        f.steps(), f.trainExamples(), f.testExamples()));
    Optional<TaskEval> scored = s.eval().tasks().stream()
        .filter(t -> t.task().equals(f.task())).findFirst();
    if (scored.isEmpty()) {
      return;
    }
    TaskEval t = scored.get();
    EvaluationSection.taskScores(b, t);
    b.append(SvgChart.hbars("Accuracy of every model on the " + t.task() + " test split (%)",
        t.scores().stream().map(m -> new SvgChart.Bar(m.model(), 100 * m.accuracy(),
            m.model().equals(t.task()) ? GREEN : BLUE)).toList()));
    if (!t.task().equals(s.eval().headline().task())) {
      EvaluationSection.learningCurve(b, baselines(s, t.task()).orElse(null), t.testExamples(),
          c.eval().bootstrapResamples(), c.seed());
    }
  }

  private static void evaluation(StringBuilder b, RunFolder run, RunSummary s) throws IOException {
    b.append("<h2>Evaluation</h2>");
    EvaluationSection.languageModel(b, s.eval());
    PreviousModelSection.write(b, run.eval().resolve("previous.json"));
    EvaluationSection.bias(b, s.eval());
    EvaluationSection.decontamination(b, s.eval());
  }

  private static void timings(StringBuilder b, RunSummary s) {
    b.append("<h2>Timings</h2><table>");
    row(b, "data", timing(s, Stage.DATA, s.data().seconds()));
    row(b, "tokenizer", timing(s, Stage.TOKENIZER, s.tokenizer().seconds()));
    row(b, "pre-train", timing(s, Stage.PRETRAIN, s.pretrain().seconds()));
    if (s.pretrain().resumedFromStep() > 0) {
      row(b, "pre-training resumed", "from step " + s.pretrain().resumedFromStep() + ", "
          + s.pretrain().stepsRedone() + " steps redone");
    }
    row(b, "fine-tune", timing(s, Stage.FINETUNE, s.finetune().seconds()));
    if (s.baselines() != null) {
      row(b, "baselines + learning curve", timing(s, Stage.BASELINES, s.baselines().seconds()));
    }
    row(b, "evaluate", timing(s, Stage.EVALUATE, s.eval().seconds()));
    b.append("</table>");
  }

  /** A stage's time; a cached stage's is the time its recorded run took, marked as such. */
  private static String timing(RunSummary s, Stage stage, double seconds) {
    return secs(seconds) + (s.isCached(stage) ? " (cached: fingerprint unchanged, not rerun)" : "");
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("<tr><th>").append(SvgChart.esc(k)).append("</th><td>").append(SvgChart.esc(v))
        .append("</td></tr>");
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * v);
  }

  private static String secs(double v) {
    return String.format(Locale.ROOT, "%.1f s", v);
  }
}
