package dev.smelt.pipeline.language;

/**
 * Names the language of one stretch of prose. Implementations are thread-safe and built once
 * per JVM (their models are large), so filters hold settings, never an identifier.
 */
@FunctionalInterface
public interface LanguageIdentifier {
  /** What {@link #identify} answers when the text carries no language it knows. */
  String UNDETERMINED = "und";

  /** The ISO 639-1 code of {@code text}'s language, or {@link #UNDETERMINED}. */
  String identify(String text);
}
