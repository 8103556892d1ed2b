package dev.smelt.activities.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextLikelihoodTest {
  @Test
  void twoTokensWithKnownLogProbsGiveHandComputedBitsPerByteAndPerplexities() {
    // log P = ln(1/2) and ln(1/4): 3 ln 2 nats over 2 tokens, 3 bytes, 1 word.
    double nll = -(Math.log(0.5) + Math.log(0.25));
    TextLikelihood t = TextLikelihood.of(new Perplexity.Result(nll / 2, Math.exp(nll / 2), 2, 1),
        new ScoredText.Size(3, 1, 1, 1));
    assertEquals(3 * Math.log(2), t.nll(), 1e-12);
    assertEquals(1.0, t.bitsPerByte(), 1e-12, "3 bits over 3 bytes");
    assertEquals(2.0, t.bytePerplexity(), 1e-12, "exp(3 ln 2 / 3)");
    assertEquals(8.0, t.wordPerplexity(), 1e-12, "exp(3 ln 2 / 1)");
    assertEquals(Math.pow(2, 1.5), t.perplexity(), 1e-12, "exp(3 ln 2 / 2)");
  }

  @Test
  void nothingScoredGivesNaNRatherThanADivisionByZero() {
    TextLikelihood none = TextLikelihood.none();
    assertTrue(Double.isNaN(none.bitsPerByte()));
    assertTrue(Double.isNaN(none.wordPerplexity()));
    assertTrue(Double.isNaN(new TextLikelihood(1.0, 1, 0, 0, 0, 0).bytePerplexity()));
  }
}
