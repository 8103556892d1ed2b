package dev.smelt.activities.eval;

/** Accuracy and macro-F1 of predicted against gold labels (labels 0..k-1). */
public final class ClassificationScores {
  private ClassificationScores() {}

  public static double accuracy(int[] predicted, int[] gold) {
    if (gold.length == 0) {
      return Double.NaN;
    }
    int right = 0;
    for (int i = 0; i < gold.length; i++) {
      right += predicted[i] == gold[i] ? 1 : 0;
    }
    return (double) right / gold.length;
  }

  /**
   * Unweighted mean of per-class F1 over the classes present in gold or predicted labels; a class
   * never predicted and never true does not count, one with no true positives scores 0.
   */
  public static double macroF1(int[] predicted, int[] gold) {
    if (gold.length == 0) {
      return Double.NaN;
    }
    int k = 0;
    for (int i = 0; i < gold.length; i++) {
      k = Math.max(k, Math.max(predicted[i], gold[i]) + 1);
    }
    int[] tp = new int[k];
    int[] fp = new int[k];
    int[] fn = new int[k];
    for (int i = 0; i < gold.length; i++) {
      if (predicted[i] == gold[i]) {
        tp[gold[i]]++;
      } else {
        fp[predicted[i]]++;
        fn[gold[i]]++;
      }
    }
    double sum = 0;
    int classes = 0;
    for (int c = 0; c < k; c++) {
      if (tp[c] + fp[c] + fn[c] == 0) {
        continue;
      }
      sum += 2.0 * tp[c] / (2.0 * tp[c] + fp[c] + fn[c]);
      classes++;
    }
    return sum / classes;
  }
}
