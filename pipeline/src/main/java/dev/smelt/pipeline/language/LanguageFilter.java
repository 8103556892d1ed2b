package dev.smelt.pipeline.language;

import dev.smelt.pipeline.doc.Doc;
import dev.smelt.pipeline.filter.Decision;
import dev.smelt.pipeline.filter.DocFilter;
import dev.smelt.pipeline.filter.RejectReason;
import java.io.Serializable;
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
  private final Settings settings;
  private final Set<String> allow;
  private transient LanguageIdentifier identifier;

  /**
   * @param allow ISO 639-1 codes to keep, e.g. [en]
   * @param minShare the allowed languages' share of the prose's letters must reach this; 0.8 as
   *     issue 15 asks (a page 20 % in another language is still kept as the allowed one)
   * @param candidates the languages the detector tells apart (ISO 639-1, must include allow); a
   *     language outside them is reported as the nearest candidate
   * @param accuracy Lingua's mode
   * @param sampleChars at most this many characters of prose are judged, taken in segments spread
   *     over the whole document (so a long document costs what a short one does)
   */
  public record Settings(List<String> allow, double minShare, List<String> candidates,
      DetectorAccuracy accuracy, int sampleChars) implements Serializable {
    /** The 75 languages Lingua 1.2.2 knows: an unknown language would otherwise pass as its nearest. */
    public static final List<String> ALL_CANDIDATES = List.copyOf(new java.util.TreeSet<>(LinguaIdentifier.KNOWN));
    public static final Settings DEFAULTS =
        new Settings(List.of("en"), 0.8, ALL_CANDIDATES, DetectorAccuracy.LOW, 3_000);

    /** @throws IllegalArgumentException naming the key that is wrong */
    public Settings {
      allow = List.copyOf(allow);
      candidates = List.copyOf(candidates);
      if (allow.isEmpty()) {
        throw new IllegalArgumentException("data.filterSettings.language.allow: list at least one language, e.g. [en]");
      }
      if (!(minShare > 0 && minShare <= 1)) {
        throw new IllegalArgumentException("data.filterSettings.language.minShare: must be in (0, 1], not " + minShare);
      }
      if (sampleChars < ProseText.SEGMENT_MIN) {
        throw new IllegalArgumentException("data.filterSettings.language.sampleChars: must be at least "
            + ProseText.SEGMENT_MIN + ", not " + sampleChars);
      }
      LinguaIdentifier.checkKnown(allow, "allow");
      LinguaIdentifier.checkKnown(candidates, "candidates");
      for (String code : allow) {
        if (!candidates.contains(code)) {
          throw new IllegalArgumentException("data.filterSettings.language.candidates: must include the allowed '"
              + code + "'");
        }
      }
    }
  }

  public LanguageFilter(Settings settings) {
    this(settings, null);
  }

  /** With another detector, for the comparison in docs/language-id.md; null means Lingua. */
  LanguageFilter(Settings settings, LanguageIdentifier identifier) {
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
