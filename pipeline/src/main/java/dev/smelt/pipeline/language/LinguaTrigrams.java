package dev.smelt.pipeline.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.internal.TrainingDataLanguageModel;
import com.github.pemistahl.lingua.internal.util.extension.CharExtensionsKt;
import it.unimi.dsi.fastutil.objects.Object2FloatMap;
import it.unimi.dsi.fastutil.objects.Object2FloatOpenHashMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;

/**
 * Lingua 1.2.2's low-accuracy detection ({@code LanguageDetector.detectLanguageOf} with trigrams),
 * the same answer for every text, computed with one lookup per trigram instead of one per trigram
 * and candidate language. Lingua's rules (script, unique characters) are {@link LinguaRules}; its
 * scoring is redone here over the same models ({@code TrainingDataLanguageModel.fromJson} on the
 * same files): per language, the sum in the trigram set's order of {@code ln} of the trigram's
 * probability, or of its first two letters', or of its first letter's, whichever the model has
 * first. Each trigram's terms are cached per JVM, language by language as they are needed, so
 * English text looks a common trigram up once per run, and no lock is taken per lookup (Lingua's
 * own lookups enter one monitor each, so the DirectRunner's threads took turns).
 * Pinned to Lingua 1.2.2 (the {@code $lingua} methods are its internal API): {@code
 * LinguaTrigramsTest} checks the answers against {@code detectLanguageOf}.
 */
final class LinguaTrigrams {
  /** Trigrams whose terms are kept (≈ 40 MB of rows); when full the cache starts over. */
  static final int MAX_CACHED = 100_000;

  private static final Pattern NO_LETTER = Pattern.compile("^[^\\p{L}]+$"); // Lingua's Constant.NO_LETTER
  private static final Pattern LETTERS = Pattern.compile("\\p{L}+"); // TestDataLanguageModel's
  private static final Language[] LANGUAGES = Language.values();
  /** Lingua's models by language ordinal × 3 + n-gram length − 1, loaded once per JVM when first needed. */
  private static final AtomicReferenceArray<Object2FloatMap<String>> MODELS =
      new AtomicReferenceArray<>(LANGUAGES.length * 3);
  /** Trigram → each language's term by ordinal, NaN until computed. */
  private static final Map<String, float[]> TERMS = new ConcurrentHashMap<>();

  private final LanguageDetector detector;
  private final LinguaRules rules;
  private final double minimumRelativeDistance;

  LinguaTrigrams(LanguageDetector detector) {
    if (!detector.isLowAccuracyModeEnabled$lingua()) {
      throw new IllegalArgumentException("only Lingua's low-accuracy mode is scored by trigrams");
    }
    this.detector = detector;
    this.rules = new LinguaRules(detector);
    this.minimumRelativeDistance = detector.getMinimumRelativeDistance$lingua();
  }

  /** What {@code detector.detectLanguageOf(text)} answers. */
  Language detect(String text) {
    String cleaned = detector.cleanUpInputText$lingua(text);
    if (cleaned.isEmpty() || NO_LETTER.matcher(cleaned).matches()) {
      return Language.UNKNOWN;
    }
    List<String> words = words(cleaned);
    Language byRules = rules.byRules(words);
    if (byRules != Language.UNKNOWN) {
      return byRules;
    }
    Set<Language> filtered = rules.filter(words);
    if (filtered.size() == 1) {
      return filtered.iterator().next();
    }
    if (cleaned.length() < 3) {
      return Language.UNKNOWN;
    }
    return best(sums(trigrams(cleaned), filtered.toArray(Language[]::new)));
  }

  /**
   * What Lingua's {@code splitTextIntoWords} answers: words end at a space, and a logogram is a word
   * of its own. Lingua asks its alphabets' regexes for every character whether it is a logogram;
   * here each character's answer (Lingua's own {@code isLogogram}) is kept in a table.
   */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = c == ' ';
      if (space || isLogogram(c)) {
        if (start != i) {
          words.add(text.substring(start, i));
        }
        if (!space) {
          words.add(String.valueOf(c));
        }
        start = i + 1;
      }
    }
    if (start != text.length()) {
      words.add(text.substring(start));
    }
    return words;
  }

  /** Per char: 0 not asked yet, 1 not a logogram, 2 a logogram (racing writers store the same value). */
  private static final byte[] LOGOGRAMS = new byte[Character.MAX_VALUE + 1];

  private static boolean isLogogram(char c) {
    byte known = LOGOGRAMS[c];
    if (known == 0) {
      known = CharExtensionsKt.isLogogram(c) ? (byte) 2 : (byte) 1;
      LOGOGRAMS[c] = known;
    }
    return known == 2;
  }

  /** The text's letter trigrams in the order of Lingua's {@code HashSet<Ngram>} (same hashes, same insertions). */
  static Set<String> trigrams(String cleaned) {
    Set<String> trigrams = new HashSet<>();
    for (int i = 0; i + 3 <= cleaned.length(); i++) {
      if (allLetters(cleaned, i)) {
        trigrams.add(cleaned.substring(i, i + 3));
      }
    }
    return trigrams;
  }

  /** {@code \p{L}+} matches the three chars; a surrogate is left to the regex, as Lingua does. */
  private static boolean allLetters(String s, int at) {
    for (int i = at; i < at + 3; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        return LETTERS.matcher(s.substring(at, at + 3)).matches();
      }
      if (!Character.isLetter(c)) {
        return false;
      }
    }
    return true;
  }

  /** Per language (by ordinal), the sum of its terms, added in the set's order as Lingua adds them. */
  private static float[] sums(Set<String> trigrams, Language[] languages) {
    float[] sums = new float[LANGUAGES.length]; // 0 for a language not scored, as Lingua drops it
    for (String trigram : trigrams) {
      float[] terms = termsOf(trigram);
      for (Language language : languages) {
        int l = language.ordinal();
        float term = terms[l];
        if (Float.isNaN(term)) {
          term = term(language, trigram);
          terms[l] = term; // racing writers store the same value
        }
        sums[l] += term;
      }
    }
    return sums;
  }

  private static float[] termsOf(String trigram) {
    float[] terms = TERMS.get(trigram);
    if (terms == null) {
      float[] fresh = new float[LANGUAGES.length];
      Arrays.fill(fresh, Float.NaN);
      if (TERMS.size() >= MAX_CACHED) {
        TERMS.clear(); // start over: the trigrams in use come back within a few documents
      }
      terms = TERMS.computeIfAbsent(trigram, t -> fresh);
    }
    return terms;
  }

  /** {@code ln} of the first of trigram, its bigram, its unigram that the model has; else 0. */
  private static float term(Language language, String trigram) {
    for (int n = 3; n >= 1; n--) {
      float probability = model(language, n).getFloat(trigram.substring(0, n));
      if (probability > 0) {
        return (float) Math.log(probability);
      }
    }
    return 0f;
  }

  /**
   * The answer from the sums, as Lingua ranks them: languages with a negative sum, by confidence
   * (best sum / own sum, in float) then by Language order; a tie of the first two is unknown.
   */
  private Language best(float[] sums) {
    float highest = Float.NEGATIVE_INFINITY;
    for (float sum : sums) {
      if (sum < 0 && sum > highest) {
        highest = sum;
      }
    }
    if (highest == Float.NEGATIVE_INFINITY) {
      return Language.UNKNOWN;
    }
    int first = -1;
    int second = -1;
    double firstConfidence = 0;
    double secondConfidence = 0;
    for (int l = 0; l < sums.length; l++) {
      if (!(sums[l] < 0)) {
        continue;
      }
      double confidence = highest / sums[l];
      if (first < 0 || confidence > firstConfidence) {
        second = first;
        secondConfidence = firstConfidence;
        first = l;
        firstConfidence = confidence;
      } else if (second < 0 || confidence > secondConfidence) {
        second = l;
        secondConfidence = confidence;
      }
    }
    if (second < 0) {
      return LANGUAGES[first];
    }
    boolean tooClose = firstConfidence == secondConfidence
        || firstConfidence - secondConfidence < minimumRelativeDistance;
    return tooClose ? Language.UNKNOWN : LANGUAGES[first];
  }

  /** A read of an array slot; a missing model loads under one lock, so no two threads load the same one. */
  private static Object2FloatMap<String> model(Language language, int n) {
    int at = language.ordinal() * 3 + n - 1;
    Object2FloatMap<String> model = MODELS.get(at);
    if (model == null) {
      synchronized (MODELS) {
        model = MODELS.get(at);
        if (model == null) {
          model = load(language, n);
          MODELS.set(at, model);
        }
      }
    }
    return model;
  }

  /** As Lingua's {@code loadLanguageModel}: a missing file is an empty model. */
  private static Object2FloatMap<String> load(Language language, int n) {
    String name = switch (n) {
      case 1 -> "unigrams";
      case 2 -> "bigrams";
      default -> "trigrams";
    };
    String path = "/language-models/" + language.getIsoCode639_1() + "/" + name + ".json";
    try (InputStream in = Language.class.getResourceAsStream(path)) {
      return in == null ? new Object2FloatOpenHashMap<>() : TrainingDataLanguageModel.Companion.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Lingua's model " + path + ": " + e.getMessage(), e);
    }
  }
}
