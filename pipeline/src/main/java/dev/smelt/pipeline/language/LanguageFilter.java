package dev.smelt.pipeline.language;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.RejectReason;
import dev.smelt.settings.filter.LanguageSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps documents whose prose is, by share of letters, mostly in an allowed language. The prose
 * (code, commands, URLs and identifiers stripped, see {@link ProseText}) is cut into segments, each
 * named by the detector (Lingua); a document is kept when the allowed languages hold at least
 * {@code minShare} of the letters. The detail of a reject records the shares, e.g. "ja 0.93 en 0.07".
 */
public final class LanguageFilter implements DocFilter {
  private final LanguageSettings settings;
  private final Set<String> allow;
  private transient LanguageIdentifier identifier;

  public LanguageFilter(LanguageSettings settings) {
    this(settings, null);
  }

  /** With another detector, for the comparison in docs/language-id.md; null means Lingua. */
  LanguageFilter(LanguageSettings settings, LanguageIdentifier identifier) {
    this.settings = settings;
    this.allow = Set.copyOf(settings.allow());
    this.identifier = identifier;
  }

  @Override
  public Decision decide(Doc doc) {
    return decide(shares(doc.text()));
  }

  /** The decision for prose divided as {@code shares}. */
  Decision decide(LanguageShares shares) {
    if (shares.total() == 0) {
      return Decision.reject(RejectReason.LANGUAGE_UNCERTAIN, "no prose to judge");
    }
    double allowed = shares.shareOf(allow);
    if (allowed >= settings.minShare()) {
      return Decision.keep();
    }
    String detail = String.format(Locale.ROOT, "%s (allowed %.2f < %s)", shares, allowed, settings.minShare());
    return shares.dominantOutside(allow).equals(LanguageIdentifier.UNDETERMINED)
        ? Decision.reject(RejectReason.LANGUAGE_UNCERTAIN, detail)
        : Decision.reject(RejectReason.LANGUAGE_NOT_ALLOWED, detail);
  }

  /**
   * Letters per language over the sampled prose segments of {@code text}, judged in order until the
   * allowed languages hold {@code minShare} of all the sample's letters: then no answer for the
   * rest could reject the document, and the shares are those of the segments judged. A document
   * that is rejected is judged whole, so its detail names all its languages.
   */
  public LanguageShares shares(String text) {
    List<String> segments = ProseText.sampledSegments(text, settings.sampleChars());
    int[] weights = segments.stream().mapToInt(ProseText::letters).toArray();
    double enoughToKeep = settings.minShare() * java.util.stream.IntStream.of(weights).asLongStream().sum();
    long allowed = 0;
    Map<String, Integer> letters = new HashMap<>();
    for (int i = 0; i < segments.size() && !(allowed > 0 && allowed >= enoughToKeep); i++) {
      String language = identifier().identify(segments.get(i));
      letters.merge(language, weights[i], Integer::sum);
      allowed += allow.contains(language) ? weights[i] : 0;
    }
    return new LanguageShares(letters);
  }

  private LanguageIdentifier identifier() {
    if (identifier == null) {
      identifier = LinguaIdentifier.of(settings.candidates(), settings.accuracy());
    }
    return identifier;
  }
}
