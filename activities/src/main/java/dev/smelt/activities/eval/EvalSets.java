package dev.smelt.activities.eval;

import dev.smelt.activities.finetune.LabelledText;
import dev.smelt.activities.finetune.LabelledTexts;
import dev.smelt.pipeline.decontaminate.Decontaminate;
import dev.smelt.pipeline.decontaminate.EvalSet;
import dev.smelt.settings.FinetuneTask;
import dev.smelt.settings.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation texts of a run that exist before its data stage: each task's fine-tuning test
 * split (chosen by a hash of each text), the out-of-domain set and the bias-probe sentences. The data
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

  /**
   * Reads every task's inputs and eval.oodInputs; a malformed line is an error naming file and
   * line.
   */
  public static List<EvalSet> beforeSplit(RunConfig c) throws IOException {
    Map<String, LabelledTexts.Split> splits = new LinkedHashMap<>();
    for (FinetuneTask t : c.finetune().tasks()) {
      splits.put(t.name(), LabelledTexts.split(
          LabelledTexts.read(t.inputs().stream().map(Path::of).toList(), t.labels()),
          c.finetune().testFraction()));
    }
    return beforeSplit(c, splits);
  }

  /**
   * As {@link #beforeSplit(RunConfig)}, with each task's split already read ({@code splits} by
   * task name, in task order): one test set per task, then the out-of-domain set and the probes.
   */
  public static List<EvalSet> beforeSplit(RunConfig c, Map<String, LabelledTexts.Split> splits)
      throws IOException {
    List<EvalSet> sets = new ArrayList<>();
    splits.forEach((task, split) -> sets.add(new EvalSet(testSet(task), true,
        split.test().stream().map(LabelledText::text).toList())));
    sets.add(new EvalSet(OOD, false, oodTexts(c, splits.values().iterator().next())));
    sets.add(new EvalSet(BIAS_PROBES, true, BiasProbe.templates().sentences()));
    return List.copyOf(sets);
  }

  /**
   * The evaluation texts cut from the corpus itself: the held-out documents and the cloze items
   * made from them, matched on whole-document n-grams like the held-out set the data stage used.
   */
  public static List<EvalSet> afterSplit(List<String> heldOutTexts, List<Cloze.Item> cloze) {
    return List.of(new EvalSet(Decontaminate.HELD_OUT, false, heldOutTexts), cloze(cloze));
  }

  /**
   * The cloze items as a set, each matched as its context and word; the held-out documents they
   * come from are too many for an {@link EvalSet} in the heap ({@link SpilledOverlap}).
   */
  public static EvalSet cloze(List<Cloze.Item> cloze) {
    return new EvalSet(CLOZE, false, cloze.stream().map(i -> i.context() + " " + i.word()).toList());
  }

  /** The name of a task's fine-tuning test split, e.g. "sentiment_test". */
  public static String testSet(String task) {
    return task + "_test";
  }

  /**
   * eval.oodInputs, or else the first task's fine-tuning texts ({@code split}; reviews: another
   * genre than most corpora).
   */
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
