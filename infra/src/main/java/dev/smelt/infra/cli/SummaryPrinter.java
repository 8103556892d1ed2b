package dev.smelt.infra.cli;

import dev.smelt.workflows.stage.RunSummary;
import dev.smelt.workflows.stage.TaskEval;
import java.io.PrintStream;

/** The few lines `smelt run` prints when a run is done. */
final class SummaryPrinter {
  private SummaryPrinter() {}

  static void print(RunSummary s, PrintStream out) {
    out.printf("data       read %d, kept %d, rejected %d (%.1f s)%n",
        s.data().read(), s.data().kept(), s.data().rejected(), s.data().seconds());
    out.printf("tokenizer  vocab %d, %d train tokens, %d val tokens (%.1f s)%n",
        s.tokenizer().vocabSize(), s.tokenizer().trainTokens(), s.tokenizer().valTokens(),
        s.tokenizer().seconds());
    out.printf("pretrain   %d steps, loss %.3f → %.3f, val loss %.3f, %.0f tokens/s (%.1f s)%n",
        s.pretrain().steps(), s.pretrain().firstLoss(), s.pretrain().lastLoss(),
        s.pretrain().valLoss(), s.pretrain().tokensPerSecond(), s.pretrain().seconds());
    s.finetune().tasks().forEach(f -> out.printf(
        "finetune   %s: %d steps, loss %.3f → %.3f (%.1f s)%n", f.task(), f.steps(),
        f.firstLoss(), f.lastLoss(), f.seconds()));
    out.printf("evaluate   perplexity %.2f%n", s.eval().perplexity());
    for (TaskEval t : s.eval().tasks()) {
      out.printf("           %s accuracy %.3f on %d held-out (majority %.3f)%n", t.task(),
          t.accuracy(), t.testExamples(), t.majorityBaseline());
      t.scores().forEach(m -> out.printf(
          "           %-28s acc %.3f [%.3f, %.3f]  macro-F1 %.3f%n", m.model(), m.accuracy(),
          m.accuracyLow(), m.accuracyHigh(), m.macroF1()));
    }
    out.printf("           cloze acc %.3f (%d); bias |gap| %.3f; OOD perplexity %.2f%n",
        s.eval().clozeAccuracy(), s.eval().clozeItems(), s.eval().biasScore(),
        s.eval().oodPerplexity());
    if (s.pretrain().resumedFromStep() > 0) {
      out.printf("resumed    pre-training from step %d; %d steps redone%n",
          s.pretrain().resumedFromStep(), s.pretrain().stepsRedone());
    }
    if (!s.cached().isEmpty()) {
      out.println("cached     " + String.join(", ", s.cached())
          + " (fingerprint unchanged: served from " + s.runDir() + "/stages/)");
    }
    out.println("report     " + s.reportPath());
  }
}
