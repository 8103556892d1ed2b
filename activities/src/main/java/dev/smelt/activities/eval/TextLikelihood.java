package dev.smelt.activities.eval;

/**
 * The total negative log-likelihood of a scored text and the sizes it is divided by. Bits per byte
 * and byte perplexity do not depend on the tokenizer, so runs with different vocabularies compare;
 * the formulas are lm-evaluation-harness's (lm_eval/api/metrics.py: bits_per_byte, byte_perplexity,
 * word_perplexity over summed log-likelihoods).
 *
 * @param nll total negative log-likelihood in nats of the scored tokens
 * @param tokens tokens scored
 * @param bytes UTF-8 bytes of exactly those tokens, each counted once
 * @param words whitespace-separated words of that text
 * @param documents documents with at least one scored token
 * @param ofDocuments documents in the evaluated set
 */
public record TextLikelihood(double nll, long tokens, long bytes, long words, int documents,
    int ofDocuments) {
  private static final double LN2 = Math.log(2);

  /** A perplexity result and the size of the text it scored ({@link ScoredText}). */
  public static TextLikelihood of(Perplexity.Result r, ScoredText.Size size) {
    return new TextLikelihood(r.loss() * r.tokens(), r.tokens(), size.bytes(), size.words(),
        size.documents(), size.ofDocuments());
  }

  /** Nothing was scored (a masked LM, or no out-of-domain text): every metric is NaN. */
  public static TextLikelihood none() {
    return new TextLikelihood(Double.NaN, 0, 0, 0, 0, 0);
  }

  public double perplexity() {
    return tokens > 0 ? Math.exp(nll / tokens) : Double.NaN;
  }

  public double bitsPerByte() {
    return bytes > 0 ? nll / (LN2 * bytes) : Double.NaN;
  }

  public double bytePerplexity() {
    return bytes > 0 ? Math.exp(nll / bytes) : Double.NaN;
  }

  public double wordPerplexity() {
    return words > 0 ? Math.exp(nll / words) : Double.NaN;
  }
}
