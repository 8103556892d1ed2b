package dev.smelt.activities.eval;

import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.pipeline.decontaminate.Decontaminate;
import dev.smelt.pipeline.decontaminate.EvalSet;
import dev.smelt.workflows.config.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation texts of a run that exist before its data stage: the fine-tuning test split
 * (chosen by a hash of each text), the out-of-domain set and the bias-probe sentences. The data
 * stage removes overlaps with them and the evaluation checks them, from this one definition.
 *
 * <p>Held-out documents and the cloze items cut from them are not here: they are documents of the
 * corpus itself, chosen by a hash of doc_id; the decontaminate stage finds them among the documents
 * it sees ({@code Decontaminate}) and removes the train documents that overlap them.
 */
public final class EvalSets {
  public static final String OOD = "ood";
  public static final String BIAS_PROBES = "bias_probes";
  public static final String CLOZE = "cloze";

  private EvalSets() {}

  /** Reads finetune.inputs and eval.oodInputs; a malformed line is an error naming file and line. */
  public static List<EvalSet> beforeSplit(RunConfig c) throws IOException {
    return beforeSplit(c, LabelledTexts.split(
        LabelledTexts.read(c.finetune().inputs().stream().map(Path::of).toList()),
        c.finetune().testFraction()));
  }

  /** As {@link #beforeSplit(RunConfig)}, with the fine-tuning split already read. */
  public static List<EvalSet> beforeSplit(RunConfig c, LabelledTexts.Split split) throws IOException {
    return List.of(
        new EvalSet(testSet(c), true, split.test().stream().map(LabelledText::text).toList()),
        new EvalSet(OOD, false, oodTexts(c, split)),
        new EvalSet(BIAS_PROBES, true, BiasProbe.templates().sentences()));
  }

  /**
   * The evaluation texts cut from the corpus itself: the held-out documents and the cloze items
   * made from them, matched on whole-document n-grams like the held-out set the data stage used.
   */
  public static List<EvalSet> afterSplit(List<String> heldOutTexts, List<Cloze.Item> cloze) {
    return List.of(
        new EvalSet(Decontaminate.HELD_OUT, false, heldOutTexts),
        new EvalSet(CLOZE, false, cloze.stream().map(i -> i.context() + " " + i.word()).toList()));
  }

  /** The name of the fine-tuning test split, e.g. "sentiment_test". */
  public static String testSet(RunConfig c) {
    return c.finetune().task() + "_test";
  }

  /** eval.oodInputs, or else the fine-tuning texts (reviews: another genre than most corpora). */
  public static List<String> oodTexts(RunConfig c, LabelledTexts.Split split) throws IOException {
    if (c.eval().oodInputs().isEmpty()) {
      List<String> texts = new ArrayList<>();
      split.train().forEach(t -> texts.add(t.text()));
      split.test().forEach(t -> texts.add(t.text()));
      return List.of(String.join("\n", texts));
    }
    List<String> out = new ArrayList<>();
    for (String p : c.eval().oodInputs()) {
      Path file = Path.of(p);
      if (p.endsWith(".jsonl")) {
        LabelledTexts.readTexts(file).forEach(out::add);
      } else {
        out.add(Files.readString(file));
      }
    }
    return out;
  }
}
